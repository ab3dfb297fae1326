package com.polaris.kat.enrollment.attendance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CeConfig {

    /**
     * The CE rule in force: the grace at each end of a class day ({@code kat.ce.grace-minutes}, default 10)
     * and the time away allowed between segments ({@code kat.ce.allowed-absence-minutes}, default 10).
     */
    @Bean
    CeCreditRule ceCreditRule(@Value("${kat.ce.grace-minutes:" + CeCreditRule.DEFAULT_GRACE_MINUTES + "}") int graceMinutes,
                              @Value("${kat.ce.allowed-absence-minutes:" + CeCreditRule.DEFAULT_ALLOWED_ABSENCE_MINUTES + "}") int absence) {
        return new CeCreditRule(graceMinutes, absence);
    }
}
