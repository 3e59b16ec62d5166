package fr.vigie.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Chooses the database the integration suite runs on: H2 in memory by default, or a fresh PostgreSQL database
 * when the system property {@code vigie.it.database=postgres} is set (the second Failsafe run does this).
 *
 * <p>PostgreSQL settings come from {@code VIGIE_IT_PG_URL} (admin URL, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code VIGIE_IT_PG_USER} (default {@code postgres}) and
 * {@code VIGIE_IT_PG_PASSWORD} (default empty, trust auth). A database named {@code vigie_it_<timestamp>} is created
 * once per JVM and dropped when the JVM exits, so every run starts from an empty schema.
 */
public final class TestDatabase implements ActiveProfilesResolver {

    private static final String ADMIN_URL = env("VIGIE_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("VIGIE_IT_PG_USER", "postgres");
    private static final String PASSWORD = env("VIGIE_IT_PG_PASSWORD", "");
    private static String postgresUrl;

    public static boolean isPostgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("vigie.it.database", "h2"));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return isPostgres() ? new String[] {"postgres", "test"} : new String[] {"h2", "test"};
    }

    public static synchronized String url() {
        if (!isPostgres()) {
            return "jdbc:h2:mem:vigie-it;DB_CLOSE_DELAY=-1";
        }
        if (postgresUrl == null) {
            String name = "vigie_it_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS"));
            execute("CREATE DATABASE " + name);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
            postgresUrl = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        }
        return postgresUrl;
    }

    public static String user() {
        return isPostgres() ? USER : "sa";
    }

    public static String password() {
        return isPostgres() ? PASSWORD : "";
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL integration run needs a server at " + ADMIN_URL + " (user " + USER
                            + "); start it or set VIGIE_IT_PG_URL / VIGIE_IT_PG_USER / VIGIE_IT_PG_PASSWORD: "
                            + e.getMessage(),
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
