package com.quimbi.crm.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.quimbi.crm.contracts.Topics;

/** The services the local stack knows how to run, with the names docs/local-stack.md gives them. */
final class Services {

    /** @param database null for a service without one; its role and local password are the service name in snake case */
    record Service(String name, int defaultPort, String database) {

        /** The gateway fronts the others, so it starts after them. */
        boolean edge() {
            return name.equals("gateway");
        }

        String role() {
            return name.replace('-', '_');
        }

        String password() {
            return role();
        }

        /** e.g. CRM_TICKET_SERVICE_URL, read by the gateway. */
        String urlVariable() {
            return "CRM_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
        }

        /** e.g. CRM_TICKET_DB_, the prefix of the variables the service's Debezium connector file reads. */
        String connectorVariablePrefix() {
            return "CRM_" + database.toUpperCase(Locale.ROOT) + "_DB_";
        }

        Path bootJar(Path repoRoot) {
            return repoRoot.resolve(name).resolve("target").resolve(name + "-" + CrmHome.build("project.version") + ".jar");
        }

        /** infra/debezium/<service>.json, for a service that publishes through its outbox. */
        Optional<Path> connectorFile(Path repoRoot) {
            Path file = repoRoot.resolve("infra/debezium/" + name + ".json");
            return database != null && file.toFile().isFile() ? Optional.of(file) : Optional.empty();
        }
    }

    static final List<Service> ALL = List.of(
            new Service("ticket-service", 8081, "ticket"),
            new Service("analytics-service", 8087, "analytics"),
            new Service("quimbi-adapter", 8088, "quimbi"),
            new Service("agent-service", 8082, "agent"),
            new Service("assignment-service", 8083, "assignment"),
            new Service("sla-service", 8084, "sla"),
            new Service("integration-service", 8085, "integration"),
            new Service("notification-service", 8086, "notification"),
            new Service("automation-service", 8089, "automation"),
            new Service("gateway", 8080, null));

    static final List<String> TOPICS = Topics.CREATED;

    private Services() {
    }

    static Service named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + name + "; known: "
                        + ALL.stream().map(Service::name).toList()));
    }
}
