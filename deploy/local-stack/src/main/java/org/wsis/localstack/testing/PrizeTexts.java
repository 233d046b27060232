package org.wsis.localstack.testing;

/** Texts prizes-service accepts, for suites that submit to the WSIS Prizes through the real platform. */
public final class PrizeTexts {
    /** A short description by ITU's rules: 150 to 200 words, in English (issue 18). */
    public static final String SHORT_DESCRIPTION = "The project brings digital services to people who have been left "
            + "behind by the information society. It was designed together with the communities it serves, who chose "
            + "the services they needed most and trained their own volunteers to run them. Its volunteers also teach "
            + "digital skills to older people, women and young people in every village. The results are measured every "
            + "year, and the reports are published for everyone to read. The work rests on partnerships between "
            + "government, the private sector, civil society and academia, and each partner pays a fair share of the "
            + "costs, so the project does not depend on a single donor and will continue after its first grant ends. "
            + "It contributes to the Sustainable Development Goals and to its WSIS action line. Other countries have "
            + "asked for the model, and the team has written an open guide so that they can replicate it with their own "
            + "communities and partners.";

    private PrizeTexts() {
    }
}
