import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 17/16: N distinct anonymous SDMX data queries (indicator x startPeriod x endPeriod x format),
 * each asked once, so a response cache keyed on the query would hold all of them if it were
 * unbounded. Prints the status codes seen and the bytes received; the caller reads the heap before/after.
 * Usage: java DistinctQueries.java BASE_DATA_URL N [threads=8] [indicators=20]
 *   BASE_DATA_URL e.g. http://127.0.0.1:12084/api/sdmx/data/WSIS,DF_ICT,1.0
 */
public class DistinctQueries {
    private static final String[] FORMATS = {
            "application/vnd.sdmx.genericdata+xml;version=2.1", "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
            "application/vnd.sdmx.data+json;version=1.0.0", "application/vnd.sdmx.data+csv;version=1.0.0"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int n = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int indicators = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // i -> a distinct (format, indicator, start, span) while i < 4 x indicators x 25 x 25
            int format = i % FORMATS.length;
            int rest = i / FORMATS.length;
            int indicator = 1 + rest % indicators;
            rest /= indicators;
            int startYear = 2000 + rest % 25;
            int span = (rest / 25) % 25;
            String url = "%s/A..BENCH_%03d...?startPeriod=%d&endPeriod=%d".formatted(base, indicator, startYear, startYear + span);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", FORMATS[format])
                    .timeout(Duration.ofSeconds(60)).GET().build();
            pool.submit(() -> {
                int status;
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    status = response.statusCode();
                    bytes.addAndGet(response.body().length);
                } catch (Exception e) {
                    status = -1;
                }
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf("%d distinct queries in %.1f s, %d MB received, statuses %s%n", n, (System.nanoTime() - start) / 1e9,
                bytes.get() >> 20, new TreeMap<>(statuses));
    }
}
