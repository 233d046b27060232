package org.wsis.prizes.category;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A category of one edition: one of the 18 action-line categories every edition starts with (copied by
 * the database when the edition is created), or a special prize an administrator added.
 */
@Entity
@Table(name = "edition_category")
@IdClass(EditionCategory.Key.class)
public class EditionCategory extends PanacheEntityBase {
    public static final String ACTION_LINE = "ACTION_LINE";
    public static final String SPECIAL_PRIZE = "SPECIAL_PRIZE";

    public record Key(int editionYear, String code) implements Serializable {
        public Key() {
            this(0, null);
        }
    }

    @Id
    @Column(name = "edition_year")
    public int editionYear;
    @Id
    public String code;
    public String name;
    public String kind;
    public String description;
    @Column(name = "sort_order")
    public int sortOrder;
    /** The UN language name and description are written in (migration V10; 'en' before). */
    public String language = "en";
    /** Name (as {@code title}) and description in other UN languages, by code (commons i18n/Translations). */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "translations", nullable = false)
    public java.util.Map<String, org.wsis.commons.i18n.StoredTranslation> translations = new java.util.TreeMap<>();

    public boolean isSpecialPrize() {
        return SPECIAL_PRIZE.equals(kind);
    }

    public static EditionCategory lookup(int year, String code) {
        return code == null ? null : findById(new Key(year, code));
    }
}
