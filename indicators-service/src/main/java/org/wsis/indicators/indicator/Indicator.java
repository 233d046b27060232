package org.wsis.indicators.indicator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An ICT indicator definition; seeded by migration, defined and changed by ITU staff through the API. */
@Entity
@Table(name = "indicator")
public class Indicator extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String unit;
    @Column(name = "unit_multiplier")
    public int unitMultiplier;
    @Column(name = "sdg_indicator")
    public String sdgIndicator;
    public String custodian;
    public String methodology;
    /** The definition's version: 1 as defined, one more for each change (indicator_version keeps them all). */
    public int version;
    /**
     * Name ({@code title}) and methodology ({@code description}) in other UN languages, by code (commons
     * i18n/Translations, migration V8); the definition itself is in {@link #LANGUAGE}.
     */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "translations", nullable = false)
    public java.util.Map<String, org.wsis.commons.i18n.StoredTranslation> translations = new java.util.TreeMap<>();

    /** The language definitions are written in: English, the SDMX structures' reference language (data messages name codes in it). */
    public static final String LANGUAGE = "en";
}
