package org.wsis.prizes.contest;

/** Short descriptions that meet ITU's rule (150-200 words in English), for tests that submit entries. */
public final class TestSummaries {
    private TestSummaries() {
    }

    /** About 170 words of plain English about the project. */
    public static String english(String project) {
        return ("The project " + project + " brings digital services to people who have been left behind by the "
                + "information society. It started in a small number of rural districts, where the local community "
                + "chose the services it needed most and trained its own volunteers to run them. Within three years "
                + "the project has reached more than forty thousand people, and most of them now use the services "
                + "every week. The results are measured each year by an independent university team, and the "
                + "reports are published for everyone to read. The work is built on partnerships between the "
                + "national government, the private sector, civil society and academia, and each partner pays a "
                + "fair share of the costs. This is why the project does not depend on a single donor and will "
                + "continue after the first grant ends. It contributes to the Sustainable Development Goals on "
                + "health, education and gender equality. Other countries in the region have asked for the "
                + "model, and the team has written an open guide so that they can replicate it with their own "
                + "communities and their own partners.");
    }
}
