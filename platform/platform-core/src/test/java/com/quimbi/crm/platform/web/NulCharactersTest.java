package com.quimbi.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class NulCharactersTest {

    @Test
    void percentEncodedBytesThatAreNotUtf8AreA400ProblemBeforeTomcatReadsTheParameters() throws Exception {
        assertThat(NulCharacters.decodesAsUtf8("status=open&q=caf%C3%A9")).isTrue();
        assertThat(NulCharacters.decodesAsUtf8("q=%E2%80%8B&x=100%")).isTrue(); // a lone % is not an escape
        assertThat(NulCharacters.decodesAsUtf8("status=%ED%A0%80")).isFalse(); // a lone surrogate
        assertThat(NulCharacters.decodesAsUtf8("q=%FF%FE")).isFalse();
        assertThat(NulCharacters.decodesAsUtf8("/api/tickets/%C3")).isFalse(); // truncated

        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tickets");
        request.setQueryString("status=%ED%A0%80");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new NulCharacters().doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("query").contains("not UTF-8");
        assertThat(chain.getRequest()).isNull();
    }
}
