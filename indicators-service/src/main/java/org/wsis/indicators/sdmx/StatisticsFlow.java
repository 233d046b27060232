package org.wsis.indicators.sdmx;

import java.util.List;
import java.util.Map;

/**
 * A dataflow of WSIS statistics (counts computed from what other services published, e.g. stocktaking entries)
 * served by the same SDMX machinery as DF_ICT: the same formats, parameters, errors, structures and
 * availability. Implementations are CDI beans; {@link SdmxResource} finds them by dataflow id.
 */
public interface StatisticsFlow {
    /** The dataflow and its data structure (FREQ first, TIME_PERIOD after the key dimensions, no attributes). */
    Dataflow flow();

    /** Codes (id -> name) of a code list this flow's dimensions use; empty if it is not one of them. */
    Map<String, String> codes(String codelist);

    /**
     * The observations matching the key (one list of codes per key dimension, empty = any, FREQ included) in
     * the year range (null = open), ordered by series key then year.
     */
    List<CountRow> rows(List<List<String>> key, Integer startYear, Integer endYear);

    /** One observation: the codes of the key dimensions (FREQ first), the year and the count. */
    record CountRow(List<String> key, int period, long value) {
    }

    /** The writers' view of a statistics flow's rows. */
    static SdmxDataWriter.Layout<CountRow> layout(StatisticsFlow source) {
        return new SdmxDataWriter.Layout<>() {
            @Override
            public Dataflow flow() {
                return source.flow();
            }

            @Override
            public String dimension(CountRow row, int i) {
                return i < row.key().size() ? row.key().get(i) : Integer.toString(row.period());
            }

            @Override
            public Double value(CountRow row) {
                return (double) row.value();
            }

            @Override
            public String attribute(CountRow row, int a) {
                throw new IllegalStateException("statistics flows have no attributes");
            }

            @Override
            public Map<String, String> codes(String codelist) {
                return codelist.equals("CL_FREQ") ? Map.of("A", "Annual") : source.codes(codelist);
            }
        };
    }
}
