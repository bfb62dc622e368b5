package com.quimbi.crm.analytics.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link Table} as CSV for {@code Accept: text/csv} (spreadsheets). Registered after the JSON converter
 * ({@link ReportWebConfig}), so a request without a preference still gets JSON.
 */
final class CsvConverter extends AbstractHttpMessageConverter<Table> {

    CsvConverter() {
        super(StandardCharsets.UTF_8, Tables.CSV);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return Table.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(org.springframework.http.MediaType mediaType) {
        return false; // answers only
    }

    @Override
    protected Table readInternal(Class<? extends Table> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is not accepted as input", input);
    }

    @Override
    protected void writeInternal(Table table, HttpOutputMessage output) throws IOException {
        output.getHeaders().set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + table.name() + ".csv\"");
        output.getBody().write(Tables.csv(table.rows()).getBytes(StandardCharsets.UTF_8));
    }
}
