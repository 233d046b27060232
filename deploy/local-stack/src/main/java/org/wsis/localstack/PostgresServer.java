package org.wsis.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL from the installed server binaries (Debian package {@code postgresql}). PostgreSQL
 * refuses to run as root, so when we are root every command runs as the {@code postgres} user.
 * <p>
 * Every connection signs in with a password (SCRAM-SHA-256, issue 17): the superuser's is the work
 * directory's own random secret ({@link LocalSecrets}), each service role has its own. pg_hba.conf
 * is written at every start, so a data directory made by an earlier version with {@code trust} gets
 * its superuser password and loses trust on its next start.
 */
public class PostgresServer {
    public static final String USER = "postgres";
    /** pg_hba.conf: TCP on loopback only (there is no Unix socket), always with a password. */
    static final String HBA = """
            # Written by local-stack at every start: every connection signs in with a password.
            host    all    all    127.0.0.1/32    scram-sha-256
            host    all    all    ::1/128         scram-sha-256
            """;

    private final String superuserPassword;
    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private final ManagedProcess process;

    /**
     * @param durable false for tests: fsync and friends off, which makes a test database several
     *                times faster and loses nothing a test cares about
     * @param superuserPassword the password of {@link #USER} (set at initdb, or on the first start of
     *                a data directory that trusted everyone)
     */
    public PostgresServer(Path workDir, Path logDir, int port, boolean durable, String superuserPassword) {
        if (superuserPassword == null || superuserPassword.isBlank() || superuserPassword.contains("'")) {
            throw new IllegalArgumentException("the PostgreSQL superuser needs a password without quotes");
        }
        this.superuserPassword = superuserPassword;
        this.binDir = findBinDir();
        this.dataDir = usableDataDir(workDir.resolve("postgres"));
        this.port = port;
        this.durable = durable;
        this.process = new ManagedProcess("PostgreSQL", logDir.resolve("postgres.log"));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    public ManagedProcess process() {
        return process;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The superuser's password (for a client of the tests' own, e.g. a Quarkus test's datasource). */
    public String superuserPassword() {
        return superuserPassword;
    }

    public PostgresServer start() {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb();
        }
        Path hba = dataDir.resolve("pg_hba.conf");
        boolean trustedEveryone = readQuietly(hba).lines().anyMatch(line -> !line.startsWith("#") && line.contains("trust"));
        if (!trustedEveryone) {
            writeHba(HBA);
        }
        List<String> server = new ArrayList<>(List.of(bin("postgres"), "-D", dataDir.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=" + Ports.LOOPBACK,
                "-c", "unix_socket_directories=", "-c", "max_connections=300"));
        if (!durable) {
            server.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        process.start(asPostgres(server.toArray(String[]::new)));
        process.awaitReady(this::acceptsConnections, Duration.ofSeconds(30));
        if (trustedEveryone) {
            // a data directory from before issue 17: give the superuser its password, then stop trusting
            psql("postgres", "ALTER ROLE \"" + USER + "\" PASSWORD '" + superuserPassword + "'");
            writeHba(HBA);
            psql("postgres", "SELECT pg_reload_conf()");
            System.err.println("[local-stack] PostgreSQL in " + dataDir + " trusted every local connection; it now asks for passwords");
        }
        return this;
    }

    /** A new cluster whose superuser has a password and that asks every client for one (SCRAM). */
    private void initdb() {
        Path passwordFile = null;
        try {
            passwordFile = Files.createTempFile("wsis-pg-password", ".txt");
            Files.setPosixFilePermissions(passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(passwordFile, superuserPassword + "\n");
            if (runningAsRoot()) {
                ManagedProcess.runToCompletion("chown", new ProcessBuilder("chown", USER, passwordFile.toString()), Duration.ofSeconds(10));
            }
            ManagedProcess.runToCompletion("initdb", asPostgres(bin("initdb"), "-D", dataDir.toString(),
                    "-U", USER, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C.UTF-8"),
                    Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new StackException("Cannot hand initdb the superuser's password", e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException ignored) {
                    // a temp file readable by its owner only
                }
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Replaces pg_hba.conf (read by the server at start and on reload). */
    void writeHba(String content) {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            if (runningAsRoot()) {
                // the file belongs to postgres in a directory only postgres may enter
                Path staged = Files.createTempFile("wsis-pg-hba", ".conf");
                Files.writeString(staged, content);
                ManagedProcess.runToCompletion("chown", new ProcessBuilder("chown", USER, staged.toString()), Duration.ofSeconds(10));
                ManagedProcess.runToCompletion("pg_hba.conf", asPostgres("cp", staged.toString(), hba.toString()), Duration.ofSeconds(10));
                Files.deleteIfExists(staged);
            } else {
                Files.writeString(hba, content);
            }
        } catch (IOException e) {
            throw new StackException("Cannot write " + hba, e);
        }
    }

    public void createDatabase(String name) {
        String exists = psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
        if (!exists.trim().equals("1")) {
            psql("postgres", "CREATE DATABASE \"" + name + "\"");
        }
    }

    /**
     * The database of one service, owned by a login role of that service's own (created, or its
     * password reset, here): a service's credentials then open its own tables only, and nobody else
     * may even connect to its database (CONNECT revoked from PUBLIC). A database an earlier run
     * created owned by the superuser stays so (its tables belong to the superuser); the owner
     * returned is then the superuser, as before.
     *
     * @return the role the service signs in as
     */
    public String createServiceDatabase(String name, String role, String password) {
        if (!role.matches("[a-z_][a-z0-9_]*") || password.contains("'")) {
            throw new IllegalArgumentException("unsafe role name or password for " + role);
        }
        String roleExists = psql("postgres", "SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
        psql("postgres", (roleExists.trim().equals("1") ? "ALTER" : "CREATE") + " ROLE \"" + role
                + "\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
        String exists = psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
        if (!exists.trim().equals("1")) {
            psql("postgres", "CREATE DATABASE \"" + name + "\" OWNER \"" + role + "\"");
        }
        String owner = psql("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + name + "'").trim();
        psql("postgres", "REVOKE CONNECT, TEMPORARY ON DATABASE \"" + name + "\" FROM PUBLIC");
        if (!owner.equals(role)) {
            System.err.println("[local-stack] database " + name + " belongs to " + owner + " (made by an earlier run); "
                    + "delete the work directory to get a role of its own");
        }
        return owner;
    }

    public String psql(String database, String sql) {
        return psqlAs(USER, superuserPassword, database, sql);
    }

    /**
     * SQL run as another role (e.g. a service's own), to see what that role may do; a null password
     * sends none (psql never prompts: -w).
     */
    public String psqlAs(String role, String password, String database, String sql) {
        ProcessBuilder psql = new ProcessBuilder(bin("psql"), "-w", "-h", Ports.LOOPBACK,
                "-p", String.valueOf(port), "-U", role, "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql);
        psql.environment().remove("PGPASSWORD");
        psql.environment().remove("PGPASSFILE");
        psql.environment().put("PGPASSFILE", "/dev/null"); // never a ~/.pgpass of the machine's
        if (password != null) {
            psql.environment().put("PGPASSWORD", password);
        }
        return ManagedProcess.runToCompletion("psql", psql, Duration.ofSeconds(60));
    }

    public void stop() {
        if (process.pid() < 0) {
            return;
        }
        try {
            // fast = roll back open transactions and stop now, instead of waiting for clients
            ManagedProcess.runToCompletion("pg_ctl stop", asPostgres(bin("pg_ctl"), "stop", "-D", dataDir.toString(),
                    "-m", "fast", "-w", "-t", "20"), Duration.ofSeconds(30));
        } catch (StackException e) {
            System.err.println("[local-stack] " + e.getMessage());
        }
        process.stop(Duration.ofSeconds(5));
    }

    private boolean acceptsConnections() {
        try {
            Process p = new ProcessBuilder(bin("pg_isready"), "-q", "-h", Ports.LOOPBACK, "-p", String.valueOf(port))
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String bin(String tool) {
        return binDir.resolve(tool).toString();
    }

    private static ProcessBuilder asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return new ProcessBuilder(full);
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest /usr/lib/postgresql/N/bin, or $PG_BIN. */
    static Path findBinDir() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "postgres"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                        .max(Comparator.comparingInt(bin -> parseVersion(bin.getParent().getFileName().toString())));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // fall through to the error below
            }
        }
        throw new StackException("PostgreSQL server binaries not found (looked in $PG_BIN and "
                + "/usr/lib/postgresql/*/bin). Install them: apt-get install -y postgresql");
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * As root, the data directory must belong to the postgres user, and that user must be able to
     * reach it; a checkout under /root is not reachable, so we fall back to /tmp and say so.
     */
    private static Path usableDataDir(Path wanted) {
        try {
            Files.createDirectories(wanted);
            if (!runningAsRoot()) {
                return wanted;
            }
            if (chownAndCheck(wanted)) {
                return wanted;
            }
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"),
                    "wsis-postgres-" + Integer.toHexString(wanted.toAbsolutePath().toString().hashCode()));
            Files.createDirectories(fallback);
            if (!chownAndCheck(fallback)) {
                throw new StackException("User postgres cannot write to " + wanted + " nor " + fallback);
            }
            System.err.println("[local-stack] user postgres cannot reach " + wanted + "; using " + fallback);
            return fallback;
        } catch (IOException e) {
            throw new StackException("Cannot create the PostgreSQL data directory " + wanted, e);
        }
    }

    private static boolean chownAndCheck(Path dir) throws IOException {
        try {
            ManagedProcess.runToCompletion("chown", new ProcessBuilder("chown", "-R", USER + ":" + USER, dir.toString()),
                    Duration.ofSeconds(30));
            ManagedProcess.runToCompletion("chmod", new ProcessBuilder("chmod", "700", dir.toString()), Duration.ofSeconds(10));
            ManagedProcess.runToCompletion("access check", asPostgres("test", "-w", dir.toString()), Duration.ofSeconds(10));
            return true;
        } catch (StackException e) {
            return false;
        }
    }
}
