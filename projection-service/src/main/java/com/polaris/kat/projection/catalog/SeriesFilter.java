package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.web.FilterNamesNothing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's {@code seriesId} filter must name a series of the catalog (the ledger, its CSV and totals, the
 * CE roster): one that names nothing is {@code 404 series-not-found} with {@code parameter: seriesId}, never
 * an empty answer (zeros, an empty file) that reads as "nothing happened in that series". The check reads the
 * catalog view, so a query with a series filter also waits for the catalog projection on {@code minPosition}
 * and reads it on the same snapshot ({@link com.polaris.kat.projection.web.Freshness}): a series scheduled by
 * the command whose position is passed is found.
 */
@Component
public class SeriesFilter {

    /** The projection whose tables the check reads. */
    static final String CATALOG = "catalog";

    private final JdbcTemplate jdbc;

    public SeriesFilter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The projections a query reads: its own, and the catalog when it filters by a series.
     *
     * @param own      the projections of the query's own tables
     * @param seriesId the filter, or null
     */
    public List<String> reads(List<String> own, String seriesId) {
        if (seriesId == null || own.contains(CATALOG)) {
            return own;
        }
        List<String> all = new ArrayList<>(own);
        all.add(CATALOG);
        return List.copyOf(all);
    }

    /**
     * Call inside {@code Freshness.read} with {@link #reads}.
     *
     * @param seriesId the filter as given (e.g. {@code series-20}), or null for none
     * @throws FilterNamesNothing 404 series-not-found (parameter seriesId) when no series has that id
     */
    public void requireKnown(String seriesId) {
        if (seriesId == null) {
            return;
        }
        Integer n = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_series WHERE series_id = ?", Integer.class, seriesId);
        if (n == null || n == 0) {
            String hint = seriesId.matches("\\d+") ? " Series ids are written series-" + seriesId + "." : " Series ids look like series-20.";
            throw new FilterNamesNothing("series-not-found", "seriesId", "There is no series '" + seriesId + "' in the catalog (or it is not"
                    + " visible yet: pass the command's KAT-Event-Position as minPosition)." + hint);
        }
    }
}
