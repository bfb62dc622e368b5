package com.quimbi.crm.quimbi.fallback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labelled example tickets the module ships (fallback/tickets-labelled.csv: category,sentiment,text). */
record TrainingSet(List<Row> rows) {

    static final String RESOURCE = "fallback/tickets-labelled.csv";

    record Row(String category, String sentiment, String text) {
    }

    static TrainingSet load() {
        try (InputStream in = TrainingSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("training set " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingSet parse(BufferedReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> fields = csvFields(line);
            if (fields.size() != 3) {
                throw new IllegalStateException("bad training row (want category,sentiment,text): " + line);
            }
            rows.add(new Row(fields.get(0), fields.get(1), fields.get(2)));
        }
        return new TrainingSet(List.copyOf(rows));
    }

    /** RFC 4180 fields of one line (quoted fields, doubled quotes); the set has no multi-line fields. */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
