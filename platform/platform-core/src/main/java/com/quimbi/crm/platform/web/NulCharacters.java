package com.quimbi.crm.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.quimbi.crm.platform.problem.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A NUL character ({@code %00}) in the path or a query parameter is a 400 before anything else looks at it: no
 * value of ours may hold one (PostgreSQL cannot store it), and left alone it turned into a missing enum value or a
 * database "conflict" deep inside the services. So is a percent-encoded byte sequence that is not UTF-8 (such as
 * {@code %ED%A0%80}, a lone surrogate): Tomcat would drop the parameter and throw when it is read, a 500. Request
 * bodies are checked field by field by {@link StorableText}.
 */
public class NulCharacters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        String where = hasNul(uri) ? "path" : hasNul(query) ? "query" : null;
        String what = "contains a NUL character (%00), which no value may hold";
        if (where == null) {
            where = !decodesAsUtf8(uri) ? "path" : !decodesAsUtf8(query) ? "query" : null;
            what = "holds percent-encoded bytes that are not UTF-8";
        }
        if (where == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"" + Problems.VALIDATION + "\",\"title\":\"Invalid input\","
                + "\"status\":400,\"detail\":\"The request's " + where + " " + what + ".\"}");
    }

    private static boolean hasNul(String raw) {
        return raw != null && (raw.contains("%00") || raw.indexOf('\u0000') >= 0);
    }

    /** Whether every percent-encoded sequence of the raw (undecoded) text is well-formed UTF-8. */
    static boolean decodesAsUtf8(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
