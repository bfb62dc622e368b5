package com.quimbi.crm.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is a resource server: it validates the Keycloak JWT itself (defence in depth behind the
 * gateway) and checks roles per endpoint with {@code @PreAuthorize}. Anything not opened here needs a token.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@EnableWebSecurity
@EnableMethodSecurity
@Import(AccessDeniedProblems.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static RoleHierarchy roleHierarchy() {
        return Roles.HIERARCHY;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoles());
        return converter;
    }

    /**
     * A request Spring Security's firewall refuses (an encoded slash or period, a NUL, a backslash in the path) gets a
     * 400 problem, not an exception that ends as a 500 or a container error page.
     */
    @Bean
    @ConditionalOnMissingBean
    org.springframework.security.web.firewall.RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> ProblemAuthenticationResponses.write(response,
                org.springframework.http.HttpStatus.BAD_REQUEST, "Bad request",
                "The request's path or parameters hold characters no URL here may contain (an encoded slash, period "
                        + "or backslash, a NUL, a line break).");
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JwtAuthenticationConverter converter)
            throws Exception {
        ProblemAuthenticationResponses problems = new ProblemAuthenticationResponses();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/error")
                        .permitAll()
                        // the API's description and its Swagger UI (static files; every call it makes needs a token)
                        .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
