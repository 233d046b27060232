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
 * Usage: java DistinctQueries.java BASE_DATA_URL N [threads=8] [indicators=20] [seconds=0: until N are sent]
 *   BASE_DATA_URL e.g. http://127.0.0.1:12084/api/sdmx/data/WSIS,DF_ICT,1.0
 */
public class DistinctQueries {
    private static final String[] FORMATS = {
            "application/vnd.sdmx.genericdata+xml;version=2.1", "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
            "application/vnd.sdmx.data+json;version=1.0.0", "application/vnd.sdmx.data+csv;version=1.0.0"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long n = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int indicators = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        // workers take the next query number until N are sent or, with SECONDS > 0, until the time is up
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < n && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    int status;
                    try {
                        HttpResponse<byte[]> response = client.send(request(base, i, indicators), HttpResponse.BodyHandlers.ofByteArray());
                        status = response.statusCode();
                        bytes.addAndGet(response.body().length);
                    } catch (Exception e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        long sent = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("%d distinct queries in %.1f s, %d MB received, statuses %s%n", sent, (System.nanoTime() - start) / 1e9,
                bytes.get() >> 20, new TreeMap<>(statuses));
    }

    /** Query number i -> a distinct (format, indicator, startPeriod, span) while i < 4 x indicators x 25 x 25. */
    private static HttpRequest request(String base, long i, int indicators) {
        int format = (int) (i % FORMATS.length);
        long rest = i / FORMATS.length;
        int indicator = 1 + (int) (rest % indicators);
        rest /= indicators;
        int startYear = 2000 + (int) (rest % 25);
        int span = (int) ((rest / 25) % 25);
        String url = "%s/A..BENCH_%03d...?startPeriod=%d&endPeriod=%d".formatted(base, indicator, startYear, startYear + span);
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", FORMATS[format]).timeout(Duration.ofSeconds(60)).GET().build();
    }
}
