package org.wsis.stocktaking.search;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV export cells: RFC 4180 quoting, and no spreadsheet formulas from user text. */
class CsvCellTest {
    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("plain", SearchResource.csvCell("plain"));
        assertEquals("\"a, b\"", SearchResource.csvCell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", SearchResource.csvCell("say \"hi\""));
        assertEquals("\"two\nlines\"", SearchResource.csvCell("two\nlines"));
    }

    @Test
    void formulasAreDefused() {
        assertEquals("'=1+1", SearchResource.csvCell("=1+1"));
        assertEquals("'+1", SearchResource.csvCell("+1"));
        assertEquals("'@cmd", SearchResource.csvCell("@cmd"));
    }

    @Test
    void aRowHasEveryColumnWithListsJoinedBySemicolons() {
        UUID id = UUID.randomUUID();
        SearchDtos.Hit hit = new SearchDtos.Hit(id, "Title, with comma", "Org", "Summary", List.of("C4", "C7.E-LEARN"),
                List.of("KE"), List.of("AFR"), null, List.of(4), List.of("4.4"), List.of(), 2024, "ONGOING", "en",
                true, List.of(), OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC), null);
        String row = SearchResource.csvRow(hit);
        assertEquals(id + ",\"Title, with comma\",Org,Summary,C4;C7.E-LEARN,KE,AFR,,4,4.4,,2024,ONGOING,en,true,,2024-06-01T00:00Z\r\n", row);
        assertEquals(SearchResource.CSV_COLUMNS.size(), row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length);
    }
}
