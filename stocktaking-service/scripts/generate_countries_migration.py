#!/usr/bin/env python3
"""Writes the country rows of migration V3 from Debian's iso-codes (ISO 3166-1) plus ITU regions.

Run once when ISO 3166-1 or ITU's regional groupings change, then add a NEW migration with the
differences (never edit an applied one):
    python3 scripts/generate_countries_migration.py > /tmp/countries.sql
The ISO numeric code of a country is its UN M49 code. ITU regions follow ITU-D's regional
groupings of Member States; territories that are not ITU Member States get no region (NULL).
"""
import json

ITU_REGIONS = {
    "AFR": "AGO BEN BWA BFA BDI CMR CPV CAF TCD COG CIV COD GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN LSO LBR "
           "MDG MWI MLI MUS MOZ NAM NER NGA RWA STP SEN SYC SLE ZAF SSD TZA TGO UGA ZMB ZWE",
    "ARB": "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM",
    "AMS": "ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC "
           "PAN PRY PER KNA LCA VCT SUR TTO USA URY VEN",
    "ASP": "AFG AUS BGD BTN BRN KHM CHN FJI IND IDN IRN JPN KIR PRK KOR LAO MYS MDV MHL FSM MNG MMR NRU NPL "
           "NZL PAK PNG PHL WSM SGP SLB LKA THA TLS TON TUV VUT VNM",
    "CIS": "ARM AZE BLR GEO KAZ KGZ MDA RUS TJK TKM UKR UZB",
    "EUR": "ALB AND AUT BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ISR ITA LVA LIE LTU LUX "
           "MLT MCO MNE NLD MKD NOR POL PRT ROU SMR SRB SVK SVN ESP SWE CHE TUR GBR VAT",
}
region_of = {a3: region for region, codes in ITU_REGIONS.items() for a3 in codes.split()}
countries = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
rows = []
for c in sorted(countries, key=lambda c: c["alpha_2"]):
    name = c.get("common_name", c["name"]).replace("'", "''")
    region = region_of.get(c["alpha_3"])
    rows.append("    ('%s', '%s', '%s', '%s', %s)" % (c["alpha_2"], c["alpha_3"], c["numeric"], name,
                                                   "'%s'" % region if region else "NULL"))
missing = set(region_of) - {c["alpha_3"] for c in countries}
assert not missing, missing
print("INSERT INTO country (alpha2, alpha3, m49, name, itu_region) VALUES")
print(",\n".join(rows) + ";")
