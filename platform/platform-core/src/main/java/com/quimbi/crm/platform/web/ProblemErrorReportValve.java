package com.quimbi.crm.platform.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

import com.quimbi.crm.platform.problem.Problems;

/**
 * Tomcat's own error answers as RFC 9457 problems instead of its HTML page: what Tomcat refuses before any filter
 * runs (an encoded slash or a malformed URI, a header too large) and whatever leaves a 4xx/5xx without a body. A
 * service's own errors never get here: they are written by the problem handler.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final StringManager HTTP = StringManager.getManager("jakarta.servlet.http");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = HTTP.getString("http." + status + ".reason");
        if (title == null || title.startsWith("Cannot find message")) {
            title = status >= 500 ? "Server error" : "Bad request";
        }
        String detail = status >= 500 ? "The request could not be handled; it has been logged."
                : "The request is malformed (for example an encoded slash, a NUL or an invalid escape in its path) "
                        + "and was refused before reaching the service.";
        String type = status >= 500 ? "about:blank" : Problems.VALIDATION.toString();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title.replace("\"", "'") + "\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
