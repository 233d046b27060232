package org.wsis.localstack;

/** The four domain services: Maven module, database and default port of each. */
public enum PlatformService {
    STOCKTAKING("stocktaking", 8081),
    PRIZES("prizes", 8082),
    FORUM("forum", 8083),
    INDICATORS("indicators", 8084);

    private final String key;
    private final int defaultPort;

    PlatformService(String key, int defaultPort) {
        this.key = key;
        this.defaultPort = defaultPort;
    }

    /** Short name, also the gateway prefix (/api/{key}/...) and the database name. */
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
}
