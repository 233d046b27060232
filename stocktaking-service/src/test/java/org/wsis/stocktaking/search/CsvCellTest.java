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
        assertEquals("'-2+3", SearchResource.csvCell("-2+3"));
    }

    /** Issue 17: spreadsheets trim leading blanks and then run the formula; a tab or CR first is a formula prefix too. */
    @Test
    void cellsStartingWithABlankAreDefusedToo() {
        assertEquals("'\t=1+1", SearchResource.csvCell("\t=1+1"));
        assertEquals("\"' =HYPERLINK(\"\"http://evil\"\")\"", SearchResource.csvCell(" =HYPERLINK(\"http://evil\")"));
        assertEquals("\"'\r=1\"", SearchResource.csvCell("\r=1"));
        assertEquals("'\u00a0@SUM(A1)", SearchResource.csvCell("\u00a0@SUM(A1)"));
    }

    @Test
    void aRowHasEveryColumnWithListsJoinedBySemicolons() {
        UUID id = UUID.randomUUID();
        SearchDtos.Hit hit = new SearchDtos.Hit(id, "Title, with comma", "Org", "Summary", List.of("C4", "C7.E-LEARN"),
                List.of("KE"), List.of("AFR"), null, List.of(4), List.of("4.4"), List.of(), 2024, "ONGOING", "en", "en",
                true, List.of(), OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC), null);
        String row = SearchResource.csvRow(hit);
        assertEquals(id + ",\"Title, with comma\",Org,Summary,C4;C7.E-LEARN,KE,AFR,,4,4.4,,2024,ONGOING,en,true,,2024-06-01T00:00Z\r\n", row);
        assertEquals(SearchResource.CSV_COLUMNS.size(), row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length);
    }
}
