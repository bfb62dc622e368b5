package com.quimbi.crm.platform.web;

import java.io.IOException;

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
 * database "conflict" deep inside the services. Request bodies are checked field by field by {@link StorableText}.
 */
public class NulCharacters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String where = request.getRequestURI().contains("%00") || request.getRequestURI().indexOf('\u0000') >= 0 ? "path"
                : request.getQueryString() != null && (request.getQueryString().contains("%00")
                        || request.getQueryString().indexOf('\u0000') >= 0) ? "query" : null;
        if (where == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"" + Problems.VALIDATION + "\",\"title\":\"Invalid input\","
                + "\"status\":400,\"detail\":\"The request's " + where + " contains a NUL character (%00), which no "
                + "value may hold.\"}");
    }
}
