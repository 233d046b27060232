package org.wsis.commons.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?page=0&size=20} on every list endpoint; use as {@code @BeanParam @Valid PageParams}. */
public class PageParams {
    public static final int MAX_SIZE = 100;
    /**
     * Deepest page: page x size must stay an int (the offset handed to Panache and JDBC; past it the
     * product overflowed into a negative offset and a 500), and nobody pages a million pages deep.
     */
    public static final int MAX_PAGE = 1_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    public int size;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    /** The first row's offset; {@link Math#multiplyExact} so a page built past the validation fails loudly, never wraps. */
    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
