package com.quimbi.crm.platform.pagination;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record CursorPage<T>(List<T> items, String nextCursor) {

    /**
     * The page out of {@code rows} fetched with {@code limit + 1}: the extra row only says that there is a next
     * page, whose cursor {@code cursorAfter} makes from the page's last item.
     */
    public static <T> CursorPage<T> of(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new CursorPage<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new CursorPage<>(items, cursorAfter.apply(items.getLast()));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
