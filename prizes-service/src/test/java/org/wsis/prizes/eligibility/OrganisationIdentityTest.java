package org.wsis.prizes.eligibility;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganisationIdentityTest {

    @Test
    void spellingsOfOneOrganisationAreOneIdentity() {
        for (String spelling : new String[]{"ITU", " itu ", "I\u200BTU", "I\u200DT\u200CU", "\uFEFFITU", "I\u00ADTU",
                "\uFF29\uFF34\uFF35", "I\u2060TU", "\u200EITU\u200F", "Itu"}) {
            assertTrue(OrganisationIdentity.same("ITU", spelling), () -> "ITU vs " + spelling.codePoints()
                    .mapToObj(cp -> String.format("U+%04X", cp)).toList());
        }
        assertEquals("international telecommunication union",
                OrganisationIdentity.key("International\u00A0 Telecommunication\tUnion\n"));
        assertTrue(OrganisationIdentity.same("Straße Foundation", "STRASSE FOUNDATION"));
    }

    @Test
    void differentOrganisationsStayDifferent() {
        assertFalse(OrganisationIdentity.same("ITU", "UNESCO"));
        assertFalse(OrganisationIdentity.same("ITU", "ITU-D"));
        assertFalse(OrganisationIdentity.same("I T U", "ITU")); // a visible space is part of the name
        assertFalse(OrganisationIdentity.same("", "\u200B")); // nothing is nobody's identity
    }
}
