package org.wsis.prizes.submission;

import org.junit.jupiter.api.Test;
import org.wsis.commons.problem.ProblemException;
import org.wsis.prizes.contest.TestSummaries;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortDescriptionTest {

    @Test
    void wordsAreRunsOfLettersAndDigitsWithInnerApostrophesAndHyphens() {
        assertEquals(7, ShortDescription.words("ITU's e-health pilot, in 2025 -- for everyone!"));
        assertEquals(0, ShortDescription.words(" ... -- !! "));
    }

    @Test
    void englishProseOf150To200WordsPasses() {
        String summary = TestSummaries.english("Telemedicine for islands");
        int words = ShortDescription.words(summary);
        assertTrue(words >= 150 && words <= 200, "words: " + words);
        assertDoesNotThrow(() -> ShortDescription.require("summary", summary));
    }

    @Test
    void otherLanguagesAreRefused() {
        assertFalse(ShortDescription.looksEnglish(("Le projet apporte des services numériques aux personnes qui sont "
                + "restées à l'écart de la société de l'information et il a été conçu avec les communautés. ").repeat(6)));
        assertFalse(ShortDescription.looksEnglish(("El proyecto lleva servicios digitales a las personas que han quedado "
                + "al margen de la sociedad de la informacion y fue disenado con las comunidades. ").repeat(6)));
        assertFalse(ShortDescription.looksEnglish("Проект приносит цифровые услуги людям в сельских районах. ".repeat(20)));
        assertFalse(ShortDescription.looksEnglish("农村电子商务服务站 为农民提供网上销售 ".repeat(40)));
        assertFalse(ShortDescription.looksEnglish("lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(20)));
    }

    @Test
    void theRefusalStatesTheWordCount() {
        ProblemException e = assertThrows(ProblemException.class, () -> ShortDescription.require("summary", "Too short."));
        assertEquals(422, e.problem().status());
        assertTrue(e.problem().detail().contains("has 2 words"), e.problem().detail());
    }
}
