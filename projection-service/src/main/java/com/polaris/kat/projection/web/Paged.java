package com.polaris.kat.projection.web;

import java.util.List;

/** What every list response has, whatever it belongs to: {@link Page}'s four fields. */
public interface Paged<T> {

    /** The page's items. */
    List<T> items();

    /** The page's number, from 0. */
    int page();

    /** The page size asked for, 1–100. */
    int size();

    /** How many items the whole list has. */
    long totalItems();
}
