import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a CSV upload of economies x indicators x years observations for the bulk-load benchmark.
 * Usage: java GenerateObservations.java ROWS OUT.csv  (indicators BENCH_001.. are created by bulk-load.sh)
 * 1,000,000 rows = 200 economies x 200 indicators x 25 years; fewer rows use fewer indicators.
 */
public class GenerateObservations {
    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        List<String> economies = new ArrayList<>();
        for (String alpha2 : Locale.getISOCountries()) {
            String alpha3 = new Locale("", alpha2).getISO3Country();
            if (!alpha3.isEmpty() && economies.size() < 200) {
                economies.add(alpha3);
            }
        }
        int years = 25;
        int indicators = Math.max(1, (int) Math.ceil(rows / (double) (economies.size() * years)));
        int written = 0;
        java.util.Random random = new java.util.Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("indicator,economy,period,value,status\n");
            for (int i = 1; i <= indicators && written < rows; i++) {
                String indicator = String.format("BENCH_%03d", i);
                for (String economy : economies) {
                    for (int year = 2000; year < 2000 + years && written < rows; year++) {
                        double value = Math.round(random.nextDouble() * 10000) / 100.0;
                        w.write(indicator + ',' + economy + ',' + year + ',' + value + ',' + (year == 2024 ? "P" : "A") + '\n');
                        written++;
                    }
                }
            }
        }
        System.out.println(written + " rows, " + indicators + " indicators x " + economies.size() + " economies x " + years + " years -> " + out);
    }
}
