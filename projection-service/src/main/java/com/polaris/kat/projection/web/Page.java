package com.polaris.kat.projection.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The one shape of a list in every response of the read side (docs/decisions.md): the items of one
 * page, the page's number (from 0), its size (1–100, default 20) and how many items there are in
 * all. A list that belongs to something (a class day's roster, a clinician's credit history, an
 * audit trail, a projection's parked events) is a record of its own that names what it belongs to
 * first and then has exactly these four fields ({@link Paged}).
 *
 * @param items      the page's items, in the list's order
 * @param page       the page's number, from 0
 * @param size       the page size asked for (the last page may hold fewer items)
 * @param totalItems how many items the whole list has
 */
@Schema(description = "A page of a list: items, page (from 0), size (1-100), totalItems.")
public record Page<T>(List<T> items, @Schema(example = "0") int page, @Schema(example = "20") int size,
                      @Schema(example = "1") long totalItems) implements Paged<T> {
}
