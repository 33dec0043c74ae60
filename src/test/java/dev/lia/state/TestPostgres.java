package dev.lia.state;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the store tests run against: a real one, never a mock. {@code .ci/run}
 * starts a throwaway cluster and exports its URL as LIA_TEST_POSTGRES (or give -Dlia.test.postgres);
 * without it, the tests that need it are skipped with a message saying so. Each call gives a fresh
 * database, so tests do not see each other's rows.
 */
public final class TestPostgres {
    private TestPostgres() {}

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The server's URL, or null. */
    public static String url() {
        String url = System.getProperty("lia.test.postgres");
        if (url == null || url.isBlank()) url = System.getenv("LIA_TEST_POSTGRES");
        return url == null || url.isBlank() ? null : url;
    }

    /** Skips the calling test, saying why, when there is no server. */
    public static String require() {
        String url = url();
        Assumptions.assumeTrue(url != null, "no PostgreSQL server to test against: LIA_TEST_POSTGRES is not set "
                + "(.ci/run starts a throwaway cluster and sets it; by hand: source .ci/postgres.sh && lia_postgres_start)");
        return url;
    }

    /** A new empty database on the server; returns its store URL. Skips the test when there is no server. */
    public static String freshDatabase() {
        String url = require();
        String db = "lia_t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_" + System.nanoTime() % 100000;
        try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("the test server " + url + " does not answer: " + e.getMessage(), e);
        }
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        return base.substring(0, base.lastIndexOf('/') + 1) + db + (q < 0 ? "" : url.substring(q));
    }

    /** Runs SQL against a store's database directly, as another (possibly hostile) client would. */
    public static void sql(String storeUrl, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection("jdbc:" + storeUrl); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
