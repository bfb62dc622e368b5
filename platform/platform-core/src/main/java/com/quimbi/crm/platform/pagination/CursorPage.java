package com.quimbi.crm.platform.pagination;

import java.util.List;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record CursorPage<T>(List<T> items, String nextCursor) {
}
