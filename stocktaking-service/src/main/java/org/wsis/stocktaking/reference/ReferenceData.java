package org.wsis.stocktaking.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.reference.Countries;
import org.wsis.commons.reference.ReferenceLabels;
import org.wsis.commons.reference.Country;
import org.wsis.commons.reference.ItuRegion;
import org.wsis.commons.reference.StakeholderType;

/**
 * The reference data of entries. Countries, ITU regions (with the international scope) and stakeholder types
 * are the platform's one vocabulary in service-commons ({@code org.wsis.commons.reference}); the SDGs, target
 * groups and action lines are stocktaking's own tables, loaded by migration and read once (they change only
 * with a new migration, i.e. a new deployment). Every validation of codes goes through here.
 */
@ApplicationScoped
public class ReferenceData {
    public record Code(String code, String name) {
    }

    public record SdgTarget(String code, int sdg) {
    }

    public record Sdg(int number, String name, List<String> targets) {
    }

    private static final Map<String, Code> STAKEHOLDER_TYPES = codes(StakeholderType.values(), StakeholderType::title);
    private static final Map<String, Code> REGIONS = codes(ItuRegion.values(), ItuRegion::title);

    /*
     * Six-language labels of stocktaking's own vocabularies (action lines and SDGs in commons ReferenceLabels, which
     * indicators publishes too; target groups in a file next to this class; sources in each file's header). Every code of the tables must have one: checked when the tables are first read.
     */
    private static final LabelTable ACTION_LINE_LABELS = ReferenceLabels.actionLines();
    private static final LabelTable SDG_LABELS = ReferenceLabels.sdgs();
    private static final LabelTable SDG_TARGET_LABELS = ReferenceLabels.sdgTargets();
    private static final LabelTable TARGET_GROUP_LABELS = LabelTable.load(ReferenceData.class, "target-group-labels.tsv");

    /** Everything of stocktaking's own tables, built on first use. */
    record Snapshot(Map<String, Code> targetGroups, Map<String, SdgTarget> sdgTargets, List<Sdg> sdgs,
                    Set<String> actionLines) {
    }

    private final EntityManager entityManager;
    private volatile Snapshot snapshot;

    public ReferenceData(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The platform's stakeholder types (commons {@link StakeholderType}), OTHER included. */
    public Map<String, Code> stakeholderTypes() {
        return STAKEHOLDER_TYPES;
    }

    public Map<String, Code> targetGroups() {
        return data().targetGroups();
    }

    /** The six ITU regions and INT, the international / global scope (commons {@link ItuRegion}). */
    public Map<String, Code> regions() {
        return REGIONS;
    }

    /** The platform's country table (commons {@link Countries}), by alpha-3. */
    public List<Country> countries() {
        return Countries.all();
    }

    public Map<String, SdgTarget> sdgTargets() {
        return data().sdgTargets();
    }

    public List<Sdg> sdgs() {
        return data().sdgs();
    }

    public Set<String> actionLines() {
        return data().actionLines();
    }

    public LabelTable actionLineLabels() {
        data();
        return ACTION_LINE_LABELS;
    }

    /** SDG labels by goal number ("4"). */
    public LabelTable sdgLabels() {
        data();
        return SDG_LABELS;
    }

    /** SDG target labels by target code ("4.4"). */
    public LabelTable sdgTargetLabels() {
        data();
        return SDG_TARGET_LABELS;
    }

    public LabelTable targetGroupLabels() {
        data();
        return TARGET_GROUP_LABELS;
    }

    private Snapshot data() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
                    snapshot = load();
                }
                current = snapshot;
            }
        }
        return current;
    }

    private Snapshot load() {
        Map<String, SdgTarget> targets = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT code, sdg_number FROM sdg_target ORDER BY sdg_number, length(code), code")) {
            targets.put((String) row[0], new SdgTarget((String) row[0], ((Number) row[1]).intValue()));
        }
        List<Sdg> sdgs = rows("SELECT number, name FROM sdg ORDER BY number").stream().map(row -> {
            int number = ((Number) row[0]).intValue();
            return new Sdg(number, (String) row[1],
                    targets.values().stream().filter(t -> t.sdg() == number).map(SdgTarget::code).toList());
        }).toList();
        Set<String> actionLines = Set.copyOf(rows("SELECT code, code FROM action_line").stream()
                .map(row -> (String) row[0]).toList());
        Map<String, Code> targetGroups = tableCodes("target_group");
        // a migration that adds a code without its six labels fails here, at the first read, not in a client
        ACTION_LINE_LABELS.requireAll(actionLines);
        SDG_LABELS.requireAll(sdgs.stream().map(sdg -> String.valueOf(sdg.number())).toList());
        SDG_TARGET_LABELS.requireAll(targets.keySet());
        TARGET_GROUP_LABELS.requireAll(targetGroups.keySet());
        return new Snapshot(targetGroups, targets, sdgs, actionLines);
    }

    private static <E extends Enum<E>> Map<String, Code> codes(E[] values, Function<E, String> title) {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (E value : values) {
            codes.put(value.name(), new Code(value.name(), title.apply(value)));
        }
        return Collections.unmodifiableMap(codes);
    }

    private Map<String, Code> tableCodes(String table) {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT code, name FROM " + table + " ORDER BY code")) {
            codes.put((String) row[0], new Code((String) row[0], (String) row[1]));
        }
        return Collections.unmodifiableMap(codes);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return entityManager.createNativeQuery(sql).getResultList();
    }
}
