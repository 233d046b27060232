package org.wsis.localstack;

import java.util.List;

/** The four domain services: Maven module, database, default port and event topics of each. */
public enum PlatformService {
    STOCKTAKING("stocktaking", 8081, List.of("stocktaking.entries", "stocktaking.audit", "stocktaking.privacy"),
            List.of("prizes.results", "stocktaking.privacy", "prizes.privacy", "forum.privacy", "indicators.privacy")),
    PRIZES("prizes", 8082, List.of("prizes.results", "prizes.audit", "prizes.privacy"),
            List.of("stocktaking.entries", "stocktaking.privacy", "prizes.privacy", "forum.privacy", "indicators.privacy")),
    FORUM("forum", 8083, List.of("forum.registrations", "forum.sessions", "forum.audit", "forum.privacy"),
            List.of("prizes.results", "stocktaking.privacy", "prizes.privacy", "forum.privacy", "indicators.privacy")),
    INDICATORS("indicators", 8084, List.of("indicators.releases", "indicators.audit", "indicators.privacy"),
            List.of("stocktaking.entries", "prizes.results", "stocktaking.privacy", "prizes.privacy", "forum.privacy",
                    "indicators.privacy"));

    private final String key;
    private final int defaultPort;
    private final List<String> publishes;
    private final List<String> consumes;

    PlatformService(String key, int defaultPort, List<String> publishes, List<String> consumes) {
        this.key = key;
        this.defaultPort = defaultPort;
        this.publishes = publishes;
        this.consumes = consumes;
    }

    /** Short name, also the gateway prefix (/api/{key}/...), the database name and its role. */
    public String key() {
        return key;
    }

    public String module() {
        return key + "-service";
    }

    public String database() {
        return key;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The topics it publishes on, its dead-letter topic included: all start with {@code key + "."}. */
    public List<String> ownTopics() {
        return java.util.stream.Stream.concat(publishes.stream(), java.util.stream.Stream.of(key + ".dead-letter")).toList();
    }

    /** The topics it consumes (other services' topics, and every service's privacy topic, its own included). */
    public List<String> consumes() {
        return consumes;
    }

    /** Its Kafka user and consumer group (the module name, as in the services' group.id). */
    public String kafkaUser() {
        return module();
    }
}
