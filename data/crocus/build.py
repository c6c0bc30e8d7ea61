#!/usr/bin/env python3
"""Regenerate crocus.json, the Crocus City Hall data set, from the curation
table below and the files in sources/.

    python3 build.py            # writes crocus.json beside this script
    python3 build.py --check    # fails if crocus.json is not what the table builds

Standard library only (system python3). Every edge names the public fact(s) it
was read from (property publicFacts: line numbers in
sources/crocus-public-facts.jsonl) and carries one evidence level (quote,
reported-quote, summary; see section 3). Before writing, check() enforces the
data rules that data/rules_test.go checks over the shipped JSON: verified quotes
at their code-point offsets with the stored text's sha256, no quote from a
compilation, reportedOn on or after the earliest dated source, confidence within the
band of the best-graded source (README.md).
"""
import hashlib
import json
import os
import re
import sys
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_FILE = "sources/crocus-city-hall-2024-03-25.txt"
FACTS_FILE = "sources/crocus-public-facts.jsonl"
ENTS_FILE = "sources/crocus-public-entities.json"


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


SEED_TEXT = read(SEED_FILE)
FACTS_TEXT = read(FACTS_FILE)
ENTS_TEXT = read(ENTS_FILE)
FACT_LINES = [l for l in FACTS_TEXT.split("\n") if l.strip()]
FACTS = {i + 1: json.loads(l) for i, l in enumerate(FACT_LINES)}  # by line number
ENTS = {e["id"]: e for e in json.loads(ENTS_TEXT)}

SEED = "source:seed-2024-03-25"
PF = "source:public-facts"
PE = "source:public-entities"
TEXTS = {SEED: SEED_TEXT, PF: FACTS_TEXT, PE: ENTS_TEXT}
TEXT_FILES = {SEED: SEED_FILE, PF: FACTS_FILE, PE: ENTS_FILE}
# Stored passages of cited publications: sources/web/<slug>.txt is the text of
# Source source:web-<slug> (an excerpt of the page, see WEB_TEXT_BASIS).
WEB_DIR = "sources/web"
for _f in sorted(os.listdir(os.path.join(HERE, WEB_DIR))):
    if _f.endswith(".txt"):
        _sid = "source:web-" + _f[:-4]
        TEXT_FILES[_sid] = WEB_DIR + "/" + _f
        TEXTS[_sid] = read(TEXT_FILES[_sid])
SHA = {sid: hashlib.sha256(t.encode("utf-8")).hexdigest() for sid, t in TEXTS.items()}
CRO = "event:2024-03-22-crocus-city-hall"

# ---------------------------------------------------------------------------
# 1. Public-data ids -> our ids (and kind, where the public kind is wrong for
#    our model: a person reported as a perpetrator is an Attacker).
# ---------------------------------------------------------------------------
ID_MAP = {
    "GRP_ISKP": "group:is-k",
    "GRP_IS": "group:islamic-state",
    "GRP_ISSP": "group:is-sinai-province",
    "GRP_CE": "group:caucasus-emirate",
    "GRP_VILAYAT_DAGESTAN": "group:vilayat-dagestan",
    "GRP_RIYADUS": "group:riyad-us-saliheen",
    "GRP_IMAM_SHAMIL": "group:imam-shamil-battalion",
    "GRP_VILAYAT_KAVKAZ": "group:vilayat-kavkaz",
    "GRP_AMAQ": "group:amaq",
    "ATK_MIRZOYEV": "attacker:dalerdzhon-mirzoyev",
    "ATK_RACHABALIZODA": "attacker:saidakrami-rachabalizoda",
    "ATK_FARIDUNI": "attacker:shamsidin-fariduni",
    "ATK_FAYZOV": "attacker:muhammadsobir-fayzov",
    "PER_PUTIN": "person:vladimir-putin",
    "PER_BORTNIKOV": "person:alexander-bortnikov",
    "PER_PATRUSHEV": "person:nikolai-patrushev",
    "PER_BASTRYKIN": "person:alexander-bastrykin",
    "PER_MEDVEDEV": "person:dmitry-medvedev",
    "PER_LUKASHENKO": "person:alexander-lukashenko",
    "PER_PODOLYAK": "person:mykhailo-podolyak",
    "PER_ZELENSKY": "person:volodymyr-zelensky",
    "PER_KIRBY": "person:john-kirby",
    "PER_RAHMON": "person:emomali-rahmon",
    "PER_UMAROV": "person:doku-umarov",
    "PER_BASAYEV": "person:shamil-basayev",
    "PER_BARAYEV": "attacker:movsar-barayev",
    "PER_YEVLOYEV": "attacker:magomed-yevloyev",
    "PER_JALILOV": "attacker:akbarzhon-jalilov",
    "PER_LOGARI": "attacker:abdul-rahman-al-logari",
    "PER_KULAYEV": "attacker:nurpashi-kulayev",
    "PER_ABU_OSAMA_ALMASRI": "person:abu-osama-al-masri",
    "PER_ISLOMOV_FAMILY": "person:islomov-family",
    "PER_KASIMOV": "person:alisher-kasimov",
    "NAT_TAJIK": "nationality:tajik",
    "NAT_CHECHEN": "nationality:chechen",
    "NAT_KAZAKH": "nationality:kazakh",
    "STATE_RU": "state:ru", "STATE_TJ": "state:tj", "STATE_US": "state:us",
    "STATE_UA": "state:ua", "STATE_SY": "state:sy", "STATE_AF": "state:af",
    "STATE_IR": "state:ir", "STATE_BY": "state:by", "STATE_EG": "state:eg",
    "STATE_KG": "state:kg", "STATE_KZ": "state:kz", "STATE_PK": "state:pk",
    "STATE_TR": "state:tr", "STATE_GB": "state:gb", "STATE_UZ": "state:uz",
    "STATE_FR": "state:fr",
    "LOC_CROCUS": "location:crocus-city-hall",
    "LOC_KRASNOGORSK": "location:krasnogorsk",
    "LOC_BRYANSK_KHATSUN": "location:khatsun",
    "LOC_KERMAN": "location:kerman",
    "LOC_KABUL_AIRPORT": "location:kabul-airport",
    "LOC_BESLAN": "location:beslan-school-no-1",
    "LOC_DUBROVKA": "location:dubrovka-theatre",
    "LOC_SINAI": "location:northern-sinai",
    "EV_CROCUS_2024": CRO,
    "EV_US_EMBASSY_WARNING_2024": "event:2024-03-07-us-embassy-warning",
    "EV_FSB_KALUGA_SYNAGOGUE_PLOT_2024": "event:2024-03-07-fsb-kaluga-raid",
    "EV_CROCUS_VERDICT_2026": "event:2026-03-12-crocus-verdict",
    "EV_KERMAN_2024": "event:2024-01-03-kerman-bombings",
    "EV_KABUL_AIRPORT_2021": "event:2021-08-26-kabul-airport-attack",
    "EV_NORDOST_2002": "event:2002-10-23-moscow-theatre-siege",
    "EV_BESLAN_2004": "event:2004-09-01-beslan-school-siege",
    "EV_MOSCOW_METRO_2010": "event:2010-03-29-moscow-metro-bombings",
    "EV_DOMODEDOVO_2011": "event:2011-01-24-domodedovo-bombing",
    "EV_VOLGOGRAD_2013": "event:2013-12-29-volgograd-bombings",
    "EV_SPB_METRO_2017": "event:2017-04-03-saint-petersburg-metro-bombing",
    "EV_METROJET_9268_2015": "event:2015-10-31-metrojet-9268-bombing",
    "EV_RU_SYRIA_INTERVENTION_2015": "event:2015-09-30-russian-intervention-in-syria",
    "EV_RU_INVASION_UKRAINE_2022": "event:2022-02-24-russian-invasion-of-ukraine",
}
KIND_OVERRIDE = {"PER_BARAYEV": "Attacker", "PER_YEVLOYEV": "Attacker", "PER_JALILOV": "Attacker",
                 "PER_LOGARI": "Attacker", "PER_KULAYEV": "Attacker"}
R = ID_MAP  # short alias for the tables below

# Entity properties that become edges (or are dropped) instead of node properties.
# iso_source* point at API/package documentation pages, not at reports: dropped.
ENTITY_PROP_SKIP = {"sources", "iso_source", "iso_source_corpus", "parent", "state", "location",
                    "founder", "associated_leader", "iso_3166_1_alpha2", "date_end"}
PROP_RENAME = {"size_estimate": "sizeEstimate", "pledge_to_IS": "pledgeToIs"}


def camel(k):
    if k in PROP_RENAME:
        return PROP_RENAME[k]
    parts = k.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def mapval(v):
    """Public ids inside values become our ids."""
    if isinstance(v, str):
        return ID_MAP.get(v, v)
    if isinstance(v, list):
        return [mapval(x) for x in v]
    return v


# ---------------------------------------------------------------------------
# 2. Nodes. Every public entity is imported; extra names/aliases/properties and
#    the nodes the public data lacks are added here by hand.
# ---------------------------------------------------------------------------
EXTRA_ALIASES = {
    "GRP_ISKP": ["Islamic State Khorasan Province", "IS-Khorasan", "ISIS-Khorasan", "ISK", "ISIS-KP",
                 "Khorasan Province", "Islamic State of Khorasan"],
    "EV_CROCUS_2024": ["Crocus attack"],
    "EV_US_EMBASSY_WARNING_2024": ["US warning"],
}
# Aliases of the entities file that are ambiguous: "Moscow attack" also names the
# 2002 theatre siege and the 2010 metro bombings.
DROP_ALIASES = {"EV_CROCUS_2024": ["Moscow attack"]}
NAME_OVERRIDE = {"EV_US_EMBASSY_WARNING_2024": "US Embassy Moscow security alert (US warning)"}

EXTRA_PROPS = {
    "EV_CROCUS_2024": {
        # The seed's figures (2024-03-25); each toll report is its own REPORTED_TOLL edge.
        "deaths": 137, "injured": "over 100", "tollSource": SEED, "tollAsOf": "2024-03-25",
        "deathsLatest": 150, "deathsLatestSource": "source:web-tvzvezda-verdict-toll",
        "deathsLatestAsOf": "2026-03-12",
        "deathsLatestNote": "report.az gave 145 (551 injured) the same day; final official toll uncertain between 145 and 150",
        "place": "Crocus City Hall, Krasnogorsk, Moscow Oblast, Russia",
        # The seed's criticism of the security response; the seed names no critic
        # and this is not Russia responding to the attack, so it is no edge.
        "securityCriticism": "Russian authorities failed to adequately secure the venue, a lapse that has drawn severe criticism domestically and internationally; the slow police response has raised questions (the seed, 2024-03-25; critics not named)",
        "context": "shortly before a sold-out concert by the Russian band Picnic",
        "weapons": ["AK-style assault rifles", "pistols", "knives", "petrol bombs/incendiary devices"],
        "missingReported": 95, "missingReportedOn": "2024-03-28",
        "erroneouslyReportedAs": "deadlier than Beslan / largest in Russian history (socialbites.ca, scandalist.com.ua); incorrect, Beslan killed 334",
    },
    "EV_US_EMBASSY_WARNING_2024": {"place": "Moscow (US Embassy)",
                                   "posted": "7 March (US) / early hours of 8 March Moscow time per RT"},
    "EV_FSB_KALUGA_SYNAGOGUE_PLOT_2024": {"place": "Kaluga Oblast, Russia", "target": "a Moscow synagogue",
                                         "fsbNameForGroup": "Vilayat Khorasan", "killed": 2,
                                         "killedNationality": "Kazakh (confirmed by Kazakhstan KNB, 2024-03-09)"},
    "EV_CROCUS_VERDICT_2026": {"defendants": 19, "judge": "Timur Zhidkov"},
    "EV_KERMAN_2024": {"perpetratorNationalityClaimed": "Tajik (Iran Ministry of Intelligence; alleged mastermind 'Abdollah Tajiki' also Tajik)"},
    "EV_NORDOST_2002": {"hostages": 850, "perpetrators": "40-50 armed Chechens; groups SPIR, Riyadus-Salikhin, IIPB (per infobox)"},
    "EV_BESLAN_2004": {"hostages": ">1,100 incl. 777 children"},
    "EV_METROJET_9268_2015": {"place": "over Egypt's Sinai (not Russian soil)",
                              "aircraft": "Airbus A321-231 (Kogalymavia/Metrojet)"},
    "LOC_CROCUS": {"capacity": 6200, "capacityUnit": "spectators (concert hall)", "namedAfter": "singer Muslim Magomayev"},
    "LOC_KRASNOGORSK": {"region": "Moscow Oblast"},
    "NAT_TAJIK": {"demonym": "Tajik"},
    "NAT_CHECHEN": {"demonym": "Chechen"},
    "NAT_KAZAKH": {"demonym": "Kazakh"},
    "ATK_MIRZOYEV": {"status": "sentenced to life imprisonment (2026-03-12)", "confessed": True},
    "ATK_RACHABALIZODA": {"status": "sentenced to life imprisonment (2026-03-12)", "confessed": True},
    "ATK_FARIDUNI": {"status": "sentenced to life imprisonment (2026-03-12)",
                     "roleAlleged": "ringleader / coordinator with handler (unverified SHOT Telegram source; court reports 'presumed ringleader')"},
    "ATK_FAYZOV": {"status": "sentenced to life imprisonment (2026-03-12)"},
    "PER_KULAYEV": {"status": "captured alive; sentenced to life in 2006"},
    "PER_BARAYEV": {"status": "killed"},
    "PER_JALILOV": {"status": "killed (suicide bomber)", "nationality": "Russian citizen, ethnic Uzbek, born Osh, Kyrgyzstan, 1995"},
    "PER_YEVLOYEV": {"status": "killed (suicide bomber)", "age": 20, "origin": "Ali-Yurt, Ingushetia"},
    "PER_LOGARI": {"status": "killed (suicide bomber)"},
    "PER_KASIMOV": {"formerCitizenship": "state:kg (renounced 2014)"},
}

# Nodes the public entities lack: from the seed, or from a fact's properties.
NEW_NODES = [
    {"id": "location:moscow", "kind": "Location", "name": "Moscow", "aliases": ["Moscow city", "Москва"],
     "properties": {"note": "the seed places the attack in Moscow; the venue is in Krasnogorsk, just outside the city limits"}},
    {"id": "location:middle-east", "kind": "Location", "name": "Middle East", "aliases": ["Near East"],
     "properties": {"note": "region named by the seed for Russia's military actions since 2015 (chiefly Syria)"}},
    {"id": "location:kaluga-oblast", "kind": "Location", "name": "Kaluga Oblast", "aliases": ["Kaluga region"],
     "properties": {}},
    {"id": "event:2024-03-24-basmanny-court-hearing", "kind": "Event",
     "name": "Basmanny District Court hearing of the four Crocus suspects",
     "aliases": ["Crocus suspects charged"],
     "properties": {"date": "2024-03-24", "court": "Basmanny District Court, Moscow",
                    "charge": "Russian Criminal Code Art. 205 part 3 'b' (terrorist act)",
                    "defendantsCondition": "suspects appeared in court with signs of severe beating; a video showed an ear being cut off (CIR; Tajik FM via kierunekkaukaz.pl); Kremlin declined comment (Firstpost)"}},
    {"id": "group:tehreek-i-taliban-pakistan", "kind": "Group", "name": "Tehreek-i-Taliban Pakistan",
     "aliases": ["TTP", "Pakistani Taliban"], "properties": {}},
    {"id": "attacker:crocus-radicalized-tajik-citizens", "kind": "Attacker",
     "name": "Radicalized citizens of Tajikistan involved in the Crocus attack (as the seed describes them; unnamed)",
     "aliases": [], "properties": {"note": "the seed article's own level of detail: it names no attacker; the four attackers named by other sources are their own nodes (attacker:dalerdzhon-mirzoyev ...), not linked to this one by the seed"}},
    {"id": "attacker:kerman-bomber-tajik", "kind": "Attacker",
     "name": "Kerman suicide bomber identified by Iran as Tajik (unnamed)",
     "aliases": [], "properties": {"status": "killed (suicide bomber)",
                                    "note": "unnamed in the public data; Iran's Ministry of Intelligence said one bomber was Tajik"}},
]

# URL -> (source id, title hint). Publisher is the site; reliability by site below.
URL_SOURCES = {
    "https://wiki.gravy.cc/wiki/Crocus_City_Hall_attack": "web-wiki-gravy-crocus",
    "https://meduza.io/news/2024/03/22/na-kontsert-piknika-v-krokuse-byli-prodany-vse-bilety-v-zale-v-moment-terakta-mogli-nahoditsya-6200-chelovek": "web-meduza-capacity",
    "https://maailm.postimees.ee/7985638/ulevaade-moskva-veresaun-lohnab-fsb-ja-voi-islamiriigi-kaekirja-jarele": "web-postimees-overview",
    "https://news.am/eng/news/813840.html": "web-news-am-813840",
    "https://news.am/eng/news/813868.html": "web-news-am-813868",
    "https://www.giornaledibrescia.it/italia-e-estero/kiev-lucraina-non-centra-con-lattacco-a-mosca-etibmr43": "web-giornaledibrescia-kiev",
    "https://pledgetimes.com/the-investigative-committee-updated-the-official-data-on-the-number-of-deaths-in-the-terrorist-attack-in-crocus/": "web-pledgetimes-ic-toll",
    "https://news-pravda.com/world/2024/03/24/385305.html": "web-news-pravda-385305",
    "https://mumbaipress.com/2024/03/25/moscow-concert-hall-attack-from-hairdresser-to-factory-worker-here-are-4-suspects-of-shooting-massacre/": "web-mumbaipress-suspects",
    "https://menafn.com/1108021949/Official-fatality-toll-in-Moscow-terror-assault-increases-to-139": "web-menafn-toll-139",
    "https://www.anews.com.tr/world/2024/03/28/death-toll-from-concert-hall-attack-in-russias-moscow-region-rises-to-143": "web-anews-toll-143",
    "https://samal-akparat.com/razdely/reportazh/item/175727-chislo-pogibshih-v-crocus-city-hall-vyroslo-do-144-chelovek": "web-samal-akparat-toll-144",
    "https://italy.news-pravda.com/world/2025/08/03/248464.html": "web-news-pravda-it-toll-149",
    "https://tvzvezda.ru/news/20263121135-YoSso.html": "web-tvzvezda-verdict-toll",
    "https://24.kg/english/290094_Terrorist_attack_in_Moscow_Death_toll_at_Crocus_City_Hall_rises_to_143/": "web-24kg-toll-143",
    "https://ziare.com/atac-armat-moscova/atac-armat-moscova-statul-islamic-revendica-atacul-1859870": "web-ziare-is-claim",
    "https://www.info-res.org/cir/articles/islamic-state-crocus-city-hall-analysing-the-background-and-online-responses/": "web-cir-crocus-analysis",
    "https://www.ruetir.com/2024/03/23/russia-islamic-state-publishes-image-of-the-4-alleged-perpetrators-of-the-attack-in-moscow/": "web-ruetir-is-photo",
    "https://newshub.guru/world-news/islamic-state-releases-photos-and-video-of-attackers-as-gory-details-of-moscow-attack-emerge/": "web-newshub-is-video",
    "https://www3.nhk.or.jp/nhkworld/en/news/20240324_10/": "web-nhk-20240324",
    "https://www.pressreader.com/usa/miami-herald/20240327/281646785142086": "web-miami-herald-duty-to-warn",
    "https://ogreszinas.news/?p=20068": "web-ogreszinas-macron",
    "http://www.initialnews.com/scribble/index.php?page=&url=https%3A%2F%2Fedition.cnn.com%2Feurope%2Flive-news%2Frussia-attack-moscow-03-25-24%2Fh_e1138cf25a8c3ae90295cf11e86b6a6b": "web-cnn-live-2024-03-25",
    "https://sputnikglobe.com/20240328/russia-adds-crocus-city-hall-attackers-to-list-of-terrorists-1117611869.html": "web-sputnik-terrorist-list",
    "https://owiki.org/wiki/ISIS_Khorasan": "web-owiki-isis-khorasan",
    "https://news.ru/society/sud-vynes-prigovor-chetyrem-ispolnitelyam-terakta-v-krokuse": "web-news-ru-verdict",
    "https://caliber.az/en/post/moscow-court-arrests-four-suspects-in-crocus-city-hall-terrorist-attack": "web-caliber-court",
    "https://dailysabah.com/politics/turkiye-seeks-prison-terms-for-suspects-linked-to-moscow-daesh-attack/news": "web-dailysabah-turkiye-indictment",
    "https://pledgetimes.com/the-defendant-in-the-crocus-case-was-suspected-of-having-connections-with-foreign-radical-preachers-what-is-known-about-this/": "web-pledgetimes-fariduni",
    "https://iravaban.net/en/468444.html": "web-iravaban-468444",
    "https://weblogmylife.blogspot.com/2024/03/os-envolvidos-no-ataque-prefeitura-de.html": "web-weblogmylife-detention",
    "https://pledgetimes.com/the-investigator-will-reconstruct-in-detail-the-events-that-preceded-the-terrorist-attack-in-crocus/": "web-pledgetimes-investigator",
    "https://www.caucasianknot.org/articles/73586": "web-caucasianknot-73586",
    "https://infograndz.com/kyrgyzstan-warns-citizens-not-to-travel-to-russia-diplomat": "web-infograndz-kyrgyzstan",
    "https://cabar.asia/en/the-terrorist-attack-in-moscow-suburbs-puts-tajikistan-in-a-difficult-choice": "web-cabar-tajikistan",
    "https://news.online.ua/en/the-fsb-announces-the-arrest-of-alleged-participants-in-the-terrorist-attack-in-crocus-city-hall-875420/": "web-online-ua-fsb-arrest",
    "https://eastleighvoice.co.ke/news/27779/zelensky-aide-denies-ukraine-link-to-moscow-concert-hall-attack": "web-eastleighvoice-denial",
    "https://www.straitstimes.com/world/europe/putin-says-concert-attackers-were-fleeing-to-ukraine-when-detained": "web-straitstimes-putin-ukraine",
    "https://sputnikglobe.com/20240325/putin-says-we-know-that-terrorist-attack-in-crocus-was-carried-out-by-radical-islamists-1117546160.html": "web-sputnik-putin-radical-islamists",
    "https://sputnikglobe.com/20240326/ukraine-is-behind-the-crocus-terrorist-act---russias-security-council-secretar-1117556338.html": "web-sputnik-patrushev",
    "https://vidostream.com/en/news/war-in-ukraine/investigators-establish-link-between-moscow-terrorist-attack-suspects-and-ukraine-22770.html": "web-vidostream-bortnikov",
    "https://sputnikglobe.com/20240328/russian-investigators-has-evidence-of-crocus-terrorists-connection-with-ukrainian-nationalists-1117613926.html": "web-sputnik-ic-ukraine-financing",
    "https://www.stiripesurse.ro/video-intrebat-cine-a-comis-atacul-terorist-patrusev-a-fost-transant-bineinteles-ca-ucraina_3272707.html": "web-stiripesurse-medvedev",
    "https://thediplomat.com./2024/03/crocus-city-hall-attack-deciphering-central-asian-jihadism-and-russian-counterterrorism": "web-thediplomat-central-asian-jihadism",
    "https://www.anews.com.tr/world/2024/03/22/ukraine-had-nothing-to-do-with-moscow-attack-presidency": "web-anews-podolyak",
    "https://www.livemint.com/news/world/moscow-attack-russia-crocus-hall-belarus-vladimir-putin-alexander-lukashenko-islamic-state-ukraine-emmanuel-macron-us-11711462185274.html": "web-livemint-lukashenko",
    "https://pledgetimes.com/the-head-of-tajikistan-in-a-conversation-with-putin-condemned-the-terrorist-attack-in-crocus/": "web-pledgetimes-rahmon",
    "https://kierunekkaukaz.pl/2024/05/02/na-rosyjskich-lotniskach-zatrzymano-tysiac-tadzykow/": "web-kierunekkaukaz-tajiks",
    "https://old.asiaplustj.info/en/news/world/20240311/russia-says-it-neutralized-is-k-cell-plotting-attack-on-synagogue-in-moscow": "web-asiaplus-kaluga-cell",
    "https://gfatf.org/archives/islamic-state-recruiting-from-tajikistan-and-other-central-asian-countries": "web-gfatf-recruiting-tajikistan",
    "https://www.rt.com/russia/593951-us-embassy-attack-moscow-alert/": "web-rt-us-embassy-alert",
    "https://www.i24news.tv/en/news/international/diaspora-affairs/1709813897-russia-claims-it-foiled-an-islamic-state-terrorist-attack-on-a-moscow-synagogue": "web-i24-synagogue-plot",
    "https://m.mamul.am/en/news/287101/p285": "web-mamul-uk-advisory",
    "https://www.yahoo.com/news/why-us-warned-russia-terrorist-090000873.html": "web-yahoo-why-us-warned",
    "https://kiwix.haohe.fun/content/wikipedia_en_all_maxi_2024-01/A/Khorasan_Province_(Militant_Group)": "web-kiwix-khorasan-province",
    "http://cryer.org.uk/ISIL-K": "web-cryer-isil-k",
    "https://modeldiplomacy.cfr.org/cfr_glossary/370": "web-cfr-glossary-isis",
    "https://en.wikipedia.org/wiki/2024_Kerman_bombings": "web-wikipedia-kerman",
    "https://www.shine.cn/news/world/2401058115/": "web-shine-kerman-toll",
    "https://taazatv.com/article/iran-identifies-bomb-maker-behind-is-twin-suicide-attack-death-toll-rises-to-94&23175&en&West%20Bengal": "web-taazatv-kerman-94",
    "https://www.tag24.com/world/islamic-state-claims-responsibility-for-deadly-bombings-in-iran-3057784": "web-tag24-kerman-claim",
    "https://www.iranintl.com/en/202401056540": "web-iranintl-kerman",
    "https://fusion.vsp.virginia.gov/vfcshield/os-assessment-bombing-of-kabul-airport-8-26-2021/?frame=0": "web-vfc-kabul-assessment",
    "https://www.washingtonpost.com/national-security/kabul-suicide-bombing-service-members/2021/08/26/8bfe63ac-069e-11ec-ba15-9c4f59a60478_story.html?itid=lk_inline_manual_14": "web-wapo-kabul",
    "https://tech-consultingstudies.eu/2022/01/05/u-s-military-focusing-on-isis-cell-behind-attack-at-kabul-airport/": "web-tech-consultingstudies-kabul",
    "https://en-academic.com/dic.nsf/enwiki/98511": "web-en-academic-nord-ost",
    "https://hessslslslsls.azureedge.net/wiki/Beslan_siege": "web-azureedge-beslan",
    "https://en.currenttime.tv/a/30144815.html": "web-currenttime-beslan",
    "https://en.wikipedia.org/wiki/2010_Moscow_Metro_bombings": "web-wikipedia-moscow-metro-2010",
    "http://timesofpakistan.pk/international-news/2011-02-08/chechen-warlord-doku-umarov-claims-moscow-airport-bomb/24138/": "web-timesofpakistan-domodedovo",
    "http://zeenews.india.com/news/world/moscow-airport-blast-chechen-warlord-claims-responsibility_685436.html": "web-zeenews-domodedovo",
    "https://en.wikipedia.org/wiki/December_2013_Volgograd_bombings": "web-wikipedia-volgograd-2013",
    "https://en.wikipedia.org/wiki/2017_Saint_Petersburg_Metro_bombing": "web-wikipedia-spb-metro-2017",
    "http://akipress.com/news:591736/": "web-akipress-591736",
    "https://www.calendarz.com/es/amp/on-this-day/october/31/metrojet-flight-9268": "web-calendarz-metrojet",
    "https://fr.sputniknews.africa/20160804/egypte-chef-islamiste-tue-crash-1027160210.html": "web-sputnik-africa-metrojet",
    "https://web.stanford.edu/group/mappingmilitants/cgi-bin/groups/view/557": "web-stanford-mmp-557",
    "https://ctc.westpoint.edu/the-province-of-sinai-why-bother-with-palestine-if-you-can-be-part-of-the-islamic-state/": "web-ctc-sinai-province",
    "https://wikimili.com/en/Caucasus_Emirate": "web-wikimili-caucasus-emirate",
    "http://www.longwarjournal.org/archives/2011/05/us_adds_islamic_cauc.php": "web-longwarjournal-ce-designation",
    "https://historydraft.com/happened/what-happened/September-2015AD/SY": "web-historydraft-syria-2015",
    "https://www.info-res.org/eyes-on-russia/ukraine-'special-military-operation'-announced": "web-cir-special-military-operation",
    # also_sources that carry their own toll figure (see TOLLS_FROM_NOTES)
    "https://realnewscast.com/tragedy-strikes-crocus-death-toll-climbs-to-115-investigators-warn-further-increase/20772/": "web-realnewscast-toll",
    "https://english.pravda.ru/news/hotspots/159224-crocus-city-hall-death-toll/": "web-pravda-ru-toll-150",
    "https://essanews.com/crocus-city-hall-tragedy-133-dead-isis-khorasan-claims-attack,7009444864444545a": "web-essanews-toll",
    "https://www.telesurenglish.net/news/Death-Toll-From-Terrorist-Attack-Moscow-Rises-143-20240327-0017.html": "web-telesur-toll-143",
    "https://report.az/en/region/crocus-city-hall-attackers-sentenced-to-life-in-russia": "web-report-az-verdict",
}

STATE_MEDIA_RU = "state media of a party to the conflict (Russia)"
PRO_KREMLIN = "pro-Kremlin outlet or aggregator (Russia, a party to the conflict)"
RU_MEDIA = "Russian outlet (a party to the conflict's domestic press)"
UA_MEDIA = "Ukrainian outlet (a party to the conflict)"
MIRROR = "encyclopedia mirror (copy of Wikipedia of unknown revision and fidelity)"
AGG = "news aggregator, re-publisher or content farm (low)"

# Reliability grade of each site, A (best) to E, and the confidence band each
# grade allows. An edge's confidence must lie in the band of the best-graded
# Source it cites (the compilations are not graded: a fact is worth what its URL
# source is worth); allegations (stance alleged) stay within 10-30 and
# inferences within 15-50, both also capped by that band. See README.md.
#   A  wire services and outlets with editorial standards and corrections, their
#      faithful copies; research organisations; government assessments
#   B  encyclopedias; established national or regional outlets; outlets of
#      governments that are not parties to the conflict; mirrors of A copy
#   C  state media and partisan outlets of parties to the conflict; encyclopedia
#      mirrors of unknown fidelity; small outlets with no known standards
#   D  aggregators, re-publishers and content farms
#   E  blogs, unverified posts
BANDS = {"A": (60, 95), "B": (50, 90), "C": (40, 80), "D": (25, 65), "E": (10, 40)}
SITE = {
    # A
    "www.straitstimes.com": ("A", "international outlet (Reuters copy)"),
    "www.washingtonpost.com": ("A", "international outlet (US newspaper of record)"),
    "www3.nhk.or.jp": ("A", "international outlet (Japanese public broadcaster)"),
    "www.pressreader.com": ("A", "newspaper archive (AP copy via the Miami Herald)"),
    "thediplomat.com": ("A", "international current-affairs magazine"),
    "en.currenttime.tv": ("A", "international outlet (RFE/RL's Russian-language network)"),
    "www.caucasianknot.org": ("A", "independent regional news agency (Caucasus, founded by Memorial)"),
    "www.info-res.org": ("A", "open-source investigators (Centre for Information Resilience)"),
    "web.stanford.edu": ("A", "academic research project (Stanford Mapping Militants)"),
    "ctc.westpoint.edu": ("A", "academic research centre (CTC West Point)"),
    "fusion.vsp.virginia.gov": ("A", "government assessment (Virginia Fusion Center)"),
    # B
    "www.initialnews.com": ("B", "mirror of CNN's live blog (A copy via a re-publisher)"),
    "en.wikipedia.org": ("B", "encyclopedia"),
    "modeldiplomacy.cfr.org": ("B", "think-tank glossary (Council on Foreign Relations)"),
    "www.longwarjournal.org": ("B", "research and news site (FDD's Long War Journal)"),
    "gfatf.org": ("B", "research site re-publishing press reports (Guardian copy)"),
    "meduza.io": ("B", "independent Russian-language outlet (in exile)"),
    "www.yahoo.com": ("B", "news syndication (copy of a named outlet)"),
    "www.i24news.tv": ("B", "international outlet (Israeli)"),
    "www.livemint.com": ("B", "national outlet (India)"),
    "zeenews.india.com": ("B", "national outlet (India)"),
    "timesofpakistan.pk": ("B", "national outlet (Pakistan; BBC copy)"),
    "www.giornaledibrescia.it": ("B", "regional newspaper (Italy)"),
    "maailm.postimees.ee": ("B", "national newspaper (Estonia)"),
    "ziare.com": ("B", "national news site (Romania)"),
    "24.kg": ("B", "national news agency (Kyrgyzstan)"),
    "akipress.com": ("B", "national news agency (Kyrgyzstan; Reuters copy)"),
    "news.am": ("B", "national news site (Armenia)"),
    "old.asiaplustj.info": ("B", "national outlet (Tajikistan)"),
    "cabar.asia": ("B", "regional analysis outlet (Central Asia)"),
    "caliber.az": ("B", "national outlet (Azerbaijan)"),
    "report.az": ("B", "national news agency (Azerbaijan)"),
    "www.anews.com.tr": ("B", "international outlet (Turkish, government-aligned)"),
    "dailysabah.com": ("B", "international outlet (Turkish, government-aligned)"),
    "www.telesurenglish.net": ("B", "international outlet (Venezuelan state-funded)"),
    "www.shine.cn": ("B", "international outlet (Chinese state-owned)"),
    "www.tag24.com": ("B", "national outlet (Germany; AFP copy)"),
    "eastleighvoice.co.ke": ("B", "national outlet (Kenya; AFP copy)"),
    # C
    "sputnikglobe.com": ("C", STATE_MEDIA_RU), "www.rt.com": ("C", STATE_MEDIA_RU),
    "fr.sputniknews.africa": ("C", STATE_MEDIA_RU),
    "tvzvezda.ru": ("C", "state media of a party to the conflict (Russia; Defence Ministry TV)"),
    "news.ru": ("C", RU_MEDIA),
    "news.online.ua": ("C", UA_MEDIA),
    "www.iranintl.com": ("C", "international outlet (Iranian opposition-aligned; party to the Kerman dispute)"),
    "wiki.gravy.cc": ("C", MIRROR), "owiki.org": ("C", MIRROR), "cryer.org.uk": ("C", MIRROR),
    "en-academic.com": ("C", MIRROR), "hessslslslsls.azureedge.net": ("C", MIRROR), "wikimili.com": ("C", MIRROR),
    "kiwix.haohe.fun": ("B", "offline Wikipedia archive (dated snapshot, 2024-01)"),
    "samal-akparat.com": ("C", "regional outlet (Kazakhstan)"),
    "kierunekkaukaz.pl": ("C", "specialist portal (Polish, on the Caucasus)"),
    "m.mamul.am": ("C", "small news site (Armenia)"),
    "iravaban.net": ("C", "small news site (Armenia)"),
    "www.stiripesurse.ro": ("C", "tabloid news site (Romania)"),
    "taazatv.com": ("C", "regional TV news site (India, West Bengal)"),
    "ogreszinas.news": ("C", "re-publisher of Reuters copy (local Latvian site)"),
    # D
    "pledgetimes.com": ("D", AGG), "newshub.guru": ("D", AGG), "www.ruetir.com": ("D", AGG),
    "vidostream.com": ("D", AGG), "tech-consultingstudies.eu": ("D", AGG), "socialbites.ca": ("D", AGG),
    "realnewscast.com": ("D", AGG), "essanews.com": ("D", AGG), "mumbaipress.com": ("D", AGG),
    "menafn.com": ("D", "press-release and syndication aggregator"),
    "infograndz.com": ("D", AGG),
    "news-pravda.com": ("D", PRO_KREMLIN), "italy.news-pravda.com": ("D", PRO_KREMLIN),
    "english.pravda.ru": ("D", PRO_KREMLIN),
    "www.calendarz.com": ("D", "almanac derived from Wikipedia (low)"),
    "historydraft.com": ("D", "history almanac (low)"),
    # E
    "weblogmylife.blogspot.com": ("E", "blog (low)"),
}
# Sources that are not web pages.
OWN_GRADE = {SEED: ("C", "opinion article of unknown publisher; one known factual error ('deadliest ... since 2013')"),
             PE: ("B", "compilation of encyclopedia mirrors and news reports (entities: names, roles, places)")}
# Dates the archive gave for stored pages whose URL carries none.
ARCHIVE_DATE = {"web-rt-us-embassy-alert": "2024-03-07", "web-tag24-kerman-claim": "2024-01-05",
                "web-giornaledibrescia-kiev": "2024-03-23"}
# The address a stored passage was read from, when it differs from the cited URL.
TEXT_URL = {"web-cir-crocus-analysis": "https://www.info-res.org/cir/articles/islamic-state-crocus-city-hall-attack-analysing-the-background-and-online-responses/"}
WEB_TEXT_BASIS = ("excerpt of the page as held by a public web-page archive (retrieved 2026-11-30); only this passage "
                  "is stored, verbatim, and quotes are checked against it")


def grade(sid):
    if sid in OWN_GRADE:
        return OWN_GRADE[sid][0]
    if sid.startswith("source:web-"):
        url = {v: k for k, v in URL_SOURCES.items()}[sid[len("source:"):]]
        return SITE[host(url)][0]
    return None


def src_id(url):
    return "source:" + URL_SOURCES[url]


def host(url):
    h = urlparse(url).netloc.rstrip(".")
    return h


# ---------------------------------------------------------------------------
# 3. Edges. Helpers turn one row of the table into an edge with its evidence.
#
# Evidence levels (issue 11), one per edge:
#   quote           a verbatim span of the stored text of quoteSource (the seed or
#                   a stored passage in sources/web/); the generator writes its
#                   code-point offsets and the sha256 of the whole stored text.
#   reported-quote  words the compilation presents as printed by the fact's URL
#                   source (a quote/statement/wording property of the fact);
#                   quoteSource is that URL source, whose text is not stored.
#   summary         everything else: `summary` is the curator's sentence saying
#                   what the source reports; `quote` is empty. The compilation's
#                   JSON and its compiler's notes are never quoted.
# ---------------------------------------------------------------------------
EDGES = []
USED_FACTS = {}      # fact line -> how it was used
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fact_props(n, drop=()):
    """The fact's properties as edge properties (camelCase, ids mapped)."""
    out = {}
    for k, v in (FACTS[n].get("properties") or {}).items():
        if k in drop or k == "also_sources":
            continue
        if k == "reported_on" and isinstance(v, str) and ISO.match(v):
            continue  # becomes reportedOn
        out[camel(k)] = mapval(v)
    if FACTS[n].get("note"):
        out["note"] = FACTS[n]["note"]
    return out

def fact_date(n):
    p = FACTS[n].get("properties") or {}
    for k in ("reported_on", "date", "court_date"):
        v = p.get(k)
        if isinstance(v, str) and ISO.match(v):
            return v
    return None


def node_name(nid):
    for pid, our in ID_MAP.items():
        if our == nid:
            return NAME_OVERRIDE.get(pid, ENTS[pid]["name"])
    for n in NEW_NODES:
        if n["id"] == nid:
            return n["name"]
    if nid == SEED:
        return "the seed article"
    if nid.startswith("source:web-"):
        return publisher(nid)
    return nid


def publisher(sid):
    if sid == SEED:
        return "The seed article"
    if sid == PE:
        return "The public entities compilation"
    if sid == PF:
        return "The public facts compilation"
    url = {v: k for k, v in URL_SOURCES.items()}[sid[len("source:"):]]
    h = host(url)
    return h[4:] if h.startswith("www.") else h


VERB = {
    "AFFILIATE_OF": "is an affiliate of", "SPLIT_FROM": "split from",
    "CLAIMED_RESPONSIBILITY": "claimed responsibility for", "PUBLISHED_CLAIM": "published a claim for",
    "PERPETRATED": "carried out", "MEMBER_OF": "belonged to", "LEADER_OF": "led",
    "OFFICIAL_OF": "held office in", "HAS_NATIONALITY": "has the nationality", "NATIONALITY_OF": "is the nationality of",
    "OCCURRED_IN": "took place in", "LOCATED_IN": "lies in", "TARGETED": "targeted",
    "VICTIMS_FROM": "had victims from", "WARNED_ABOUT": "warned about", "ISSUED": "issued",
    "PRECEDED": "preceded", "DEADLIEST_SINCE": "was the deadliest attack since", "MOTIVATED_BY": "was motivated by",
    "TRIAL_OF": "is a court proceeding on", "PROSECUTED_IN": "was prosecuted in",
    "MILITARY_INVOLVEMENT_IN": "is militarily involved in", "ACCUSED": "accused",
    "ATTRIBUTED": "attributed the attack to", "DENIED": "denied involvement in or rejected claims about",
    "CRITICIZED": "criticised", "SPOKE_WITH": "spoke with", "RESPONDED_TO": "responded to",
    "INVESTIGATED": "investigated", "DETAINED": "detained", "DETAINED_AT": "was detained at",
    "DESIGNATED_TERRORIST": "listed as a terrorist", "RECRUITED_FROM": "recruited among",
    "ACTIVE_IN": "is active in", "TRAVELED_TO": "travelled to",
}
STANCE_NOTE = {"claimed": " (its own claim)", "attributed": " (an attribution, not a finding)",
               "alleged": " (an allegation by a party to the conflict, without public evidence)", "denied": "", "reported": ""}
DETAIL_KEYS = ("action", "statement", "response", "topic", "role", "outcome", "sentence", "content",
               "purpose", "denial", "advisory", "scope", "what")


def auto_summary(e, src):
    """A plain sentence in the curator's words: who reports what."""
    p = e.get("properties", {})
    if e["type"] == "REPORTED_TOLL":
        parts = []
        for k, label in (("deaths", "dead"), ("injured", "injured"), ("figure", "")):
            if k in p and not (k == "figure" and "deaths" in p):
                parts.append(("%s %s" % (p[k], label)).strip())
        s = "%s reported %s for %s" % (publisher(src), " and ".join(parts) or "a toll", node_name(e["target"]))
        if p.get("asOf"):
            s += " as of %s" % p["asOf"]
        if p.get("reportedBy"):
            s += ", citing %s" % p["reportedBy"]
        return s + "."
    s = "%s reports that %s %s %s" % (publisher(src), node_name(e["source"]), VERB[e["type"]], node_name(e["target"]))
    if isinstance(p.get("event"), str) and p["event"] != e["target"]:
        s += " over the %s" % node_name(p["event"])
    s += STANCE_NOTE.get(e["stance"], "")
    details = [str(p[k]) for k in DETAIL_KEYS if isinstance(p.get(k), (str, int)) and str(p[k])]
    if details:
        s += ": " + "; ".join(details)
    return s + "."


def add(type_, s, t, sources, conf, stance, reported, key=None, ev="summary", quote="", quote_source=None,
        summary=None, valid_from=None, valid_to=None, inferred=False, reason=None, props=None, facts=(), at=0):
    """at: which occurrence of quote in the stored text (0 = first)."""
    e = {}
    base = "%s:%s->%s" % (type_, s, t)
    if key:
        e["id"] = base + "#" + key
    e.update({"type": type_, "source": s, "target": t, "sources": list(sources), "evidence": ev})
    e["confidence"] = conf
    e["stance"] = stance
    if valid_from:
        e["validFrom"] = valid_from
    if valid_to:
        e["validTo"] = valid_to
    e["reportedOn"] = reported
    if inferred:
        e["inferred"] = True
        e["reason"] = reason
    p = dict(props or {})
    if facts:
        p["publicFacts"] = list(facts)
        also = []
        for n in facts:
            for u in (FACTS[n].get("properties") or {}).get("also_sources", []):
                if u not in also:
                    also.append(u)
        if also:
            p["alsoSources"] = also
    if p:
        e["properties"] = p
    if ev == "quote":
        text = TEXTS[quote_source]
        i = -1
        for _ in range(at + 1):
            i = text.index(quote, i + 1)
        e.update({"quote": quote, "quoteSource": quote_source, "quoteStart": i, "quoteEnd": i + len(quote),
                  "quoteSha256": SHA[quote_source]})
    elif ev == "reported-quote":
        e.update({"quote": quote, "quoteSource": quote_source})
    else:
        assert not quote, (base, "a summary edge carries no quote")
        e.update({"quote": "", "summary": summary or auto_summary(e, quote_source or sources[0])})
    if quote_source and quote_source not in e["sources"]:
        e["sources"].insert(0, quote_source)
    EDGES.append(e)
    return e


def web(slug):
    sid = "source:web-" + slug
    assert sid in TEXTS, ("no stored text for", sid)
    return sid


def fact(type_, s, t, facts, conf, stance="reported", reported=None, key=None, props=None, drop=(),
         vq=None, rq=None, summary=None, seed_quote=None, extra_sources=(), at=0, **kw):
    """An edge read from public fact(s). Sources: the facts' URL sources (and
    extra_sources), then the compilation. Evidence: vq=(slug, quote) a verified
    quote of a stored passage; rq=<property name> the words the fact presents as
    printed by its URL source (reported-quote); else a summary (summary= or the
    generated sentence)."""
    facts = [facts] if isinstance(facts, int) else list(facts)
    srcs = []
    for n in facts:
        for sid in [src_id(FACTS[n]["source"])] + [src_id(u) for u in extra_sources]:
            if sid not in srcs:
                srcs.append(sid)
    p = {}
    for n in facts:
        for k, v in fact_props(n, drop).items():
            p.setdefault(k, v)
    p.update(props or {})
    if seed_quote:
        assert seed_quote in SEED_TEXT, seed_quote
        p["seedQuote"] = seed_quote
    ev, quote, qs = "summary", "", srcs[0]
    if vq:
        ev, qs, quote = "quote", web(vq[0]), vq[1]
        if qs in srcs:
            srcs.remove(qs)
        srcs.insert(0, qs)
    elif rq:
        val = (FACTS[facts[0]].get("properties") or {}).get(rq)
        assert isinstance(val, str) and val, (facts, rq)
        ev, quote = "reported-quote", val
    srcs.append(PF)
    if seed_quote:
        srcs.append(SEED)
    rep = reported or fact_date(facts[0])
    assert rep, ("no reportedOn for fact", facts)
    for n in facts:
        USED_FACTS.setdefault(n, []).append(type_)
    return add(type_, s, t, srcs, conf, stance, rep, key=key, ev=ev, quote=quote, quote_source=qs,
               summary=summary, props=p, facts=facts, at=at, **kw)


def seed(type_, s, t, quote, conf=80, stance="reported", facts=(), key=None, props=None, reported="2024-03-25", **kw):
    """An edge the seed article states: a verified quote of the seed. Public facts
    that state the same thing add their URL sources and the compilation (only
    sources not dated after the seed: reportedOn stays the seed's date)."""
    assert quote in SEED_TEXT, quote
    facts = [facts] if isinstance(facts, int) else list(facts)
    srcs = [SEED]
    for n in facts:
        sid = src_id(FACTS[n]["source"])
        if sid not in srcs:
            srcs.append(sid)
        USED_FACTS.setdefault(n, []).append(type_ + " (with seed)")
    if facts:
        srcs.append(PF)
    p = {}
    for n in facts:
        for k, v in fact_props(n).items():
            p.setdefault(k, v)
    p.update(props or {})
    return add(type_, s, t, srcs, conf, stance, reported, key=key, ev="quote", quote=quote,
               quote_source=SEED, props=p, facts=facts, **kw)


def ent(type_, s, t, summary, conf=80, reported="2024-03-22", props=None, **kw):
    """An edge read from the entities file (a property or role of an entity): a summary."""
    p = {"reportedOnBasis": "the entities file is undated; role/attribute as of the attack (March 2024)"}
    if reported != "2024-03-22":
        p["reportedOnBasis"] = "the entities file is undated; date of the fact it describes"
    p.update(props or {})
    return add(type_, s, t, [PE], conf, "reported", reported, ev="summary", summary=summary, props=p, **kw)


def toll(n, event, key, conf=80, url=None, reported=None, props=None, vq=None):
    """A REPORTED_TOLL edge: the URL source that reported the figure -> the event."""
    f = FACTS[n]
    url = url or f["source"]
    sid = src_id(url)
    p = fact_props(n) if props is None else props
    rep = reported or fact_date(n)
    assert rep, n
    USED_FACTS.setdefault(n, []).append("REPORTED_TOLL")
    if vq:
        assert web(vq[0]) == sid, (n, vq[0])
        return add("REPORTED_TOLL", sid, event, [sid, PF], conf, "reported", rep, key=key, ev="quote",
                   quote=vq[1], quote_source=sid, props=p, facts=[n])
    return add("REPORTED_TOLL", sid, event, [sid, PF], conf, "reported", rep, key=key, props=p, facts=[n])



# ---- The seed article (2024-03-25) ----------------------------------------
# Every seed edge quotes the seed verbatim and cites only the seed: the seed is
# an opinion article (grade C), so its edges stay within 40-80. It names no
# attacker: it speaks of "radicalized citizens of Tajikistan", so its edges end
# at the collective node attacker:crocus-radicalized-tajik-citizens; the four
# named attackers rest on the sources that name them (below).
SEED_ISK_CLAIM = "IS-K, an Islamic State affiliate, claimed responsibility for the assault on Crocus City Hall"
TAJ = "The involvement of radicalized citizens of Tajikistan in the attack"
SEED_ATK = "attacker:crocus-radicalized-tajik-citizens"
ATTACKERS = [("ATK_MIRZOYEV", 30, 31, 32, 33, 17), ("ATK_RACHABALIZODA", 34, 35, 36, 37, 16),
             ("ATK_FARIDUNI", 38, 39, 40, 41, 18), ("ATK_FAYZOV", 42, 43, 44, 45, 17)]

seed("CLAIMED_RESPONSIBILITY", R["GRP_ISKP"], CRO, SEED_ISK_CLAIM, 80, "claimed",
     props={"note": "The seed names IS-K; the public data records the claim by Islamic State via Amaq (facts 23-24), which did not name ISKP explicitly (CIR)."})
seed("AFFILIATE_OF", R["GRP_ISKP"], R["GRP_IS"], "IS-K, an Islamic State affiliate", 80, facts=[94],
     valid_from="2015-01-26", props={"validFromBasis": "founding date (pledge accepted January 2015), fact 95"})
seed("OCCURRED_IN", CRO, R["LOC_CROCUS"], "claimed responsibility for the assault on Crocus City Hall", 80, facts=[1])
seed("OCCURRED_IN", CRO, "location:moscow", "Moscow was rocked by a devastating attack at a rock concert", 75,
     props={"scope": "Moscow area: the seed says Moscow; the venue is in Krasnogorsk, Moscow Oblast"})
seed("OCCURRED_IN", CRO, R["STATE_RU"], "the deadliest terrorist incident in Russia", 80)
seed("TARGETED", CRO, R["STATE_RU"], "Over the years, Russia has been a target for Islamist terrorist groups", 75)
seed("TARGETED", CRO, R["LOC_CROCUS"], "a devastating attack at a rock concert", 80,
     props={"target": "concert audience (sold-out Picnic concert)"})
seed("REPORTED_TOLL", SEED, CRO, "which resulted in 137 deaths and over 100 injuries", 80, key="2024-03-25",
     props={"deaths": 137, "injured": "over 100", "asOf": "2024-03-25"})
seed("DEADLIEST_SINCE", CRO, R["EV_VOLGOGRAD_2013"], "the deadliest terrorist incident in Russia since 2013", 15,
     inferred=True,
     reason="The seed names only the year 2013; the December 2013 Volgograd bombings are the 2013 attack in Russia it most plausibly means. The claim itself is wrong: most sources say the deadliest since Beslan 2004.",
     props={"note": "what the seed says; most sources say the deadliest since the 2004 Beslan school siege (see the DEADLIEST_SINCE edge to Beslan)",
            "seedYear": 2013})
# What the seed says about the attackers, at the seed's own level of detail.
seed("PERPETRATED", SEED_ATK, CRO, TAJ, 75)
seed("HAS_NATIONALITY", SEED_ATK, R["NAT_TAJIK"], "radicalized citizens of Tajikistan", 75)
seed("NATIONALITY_OF", R["NAT_TAJIK"], R["STATE_TJ"], "radicalized citizens of Tajikistan", 80)
seed("MILITARY_INVOLVEMENT_IN", R["STATE_RU"], R["STATE_UA"], "amidst its military involvement in Ukraine", 80,
     facts=[146], valid_from="2022-02-24",
     props={"validFromBasis": "full-scale invasion, fact 146 (fighting since 2014 is not dated by the sources)"})
seed("MILITARY_INVOLVEMENT_IN", R["STATE_RU"], "location:middle-east", "Russia's military actions in the Middle East since 2015",
     80, facts=[145], valid_from="2015-09-30",
     props={"validFromBasis": "the seed says 2015; the Syria intervention began 2015-09-30 (fact 145)"})
# The seed reports that unnamed analysts see Russia's Middle East actions as a
# factor that potentially heightened the threat: an attribution by analysts
# (stance attributed), read by the curator as a possible motive (inferred).
seed("MOTIVATED_BY", CRO, R["EV_RU_SYRIA_INTERVENTION_2015"],
     "Analysts point to Russia's military actions in the Middle East since 2015 as a factor that has potentially heightened the threat level",
     25, stance="attributed", inferred=True,
     reason="Attributed: the seed reports that unnamed analysts see Russia's Middle East actions since 2015 as a factor that potentially heightened the threat. Inferred: reading that as a motive of this attack, and the Syria intervention as the action meant, is the curator's; the seed does not say the attack was a response to them, and no claim in the public data says so for Crocus.")
EARLY = "Over the years, Russia has been a target for Islamist terrorist groups, with several high-profile attacks occurring in the early 2000s"
for ev, f_occ in (("EV_NORDOST_2002", 112), ("EV_BESLAN_2004", 117)):
    seed("TARGETED", R[ev], R["STATE_RU"], EARLY, 50, facts=[f_occ], inferred=True,
         reason="The seed names no attack; the 2002 Moscow theatre siege and the 2004 Beslan school siege are the high-profile early-2000s attacks in Russia in the public data (facts %d)." % f_occ)
    seed("PRECEDED", R[ev], CRO, EARLY, 50, facts=[f_occ], inferred=True,
         reason="The seed sets the Crocus attack against the early-2000s attacks as a resurgence; which attacks it means is read from the public data (fact %d)." % f_occ)

# ---- The four named attackers: the sources that name them -------------------
RF_LIST = ("four Tajik citizens who attacked the Crocus City Hall concert venue near Moscow last week to the list of terrorists "
           "and extremists, the Russian Federal Financial Monitoring Service (Rosfinmonitoring) said on Thursday.\n"
           "The service added Dalerdzhon Mirzoyev, Shamsidin Fariduni, Saidakrami Rachabalizoda and Muhammadsobir Fayzov")
NAT_QUOTE = {
    "ATK_MIRZOYEV": ("caliber-court", "Dalerdzhon Mirzoyev, a 33-year-old citizen of the Republic of Tajikistan"),
    "ATK_RACHABALIZODA": ("caliber-court", "Saidakrami Rachabalizoda, aged 30, also admitted his guilt. He is an unemployed Tajik citizen"),
    "ATK_FARIDUNI": ("cnn-live-2024-03-25", "Shamsidin Fariduni: He was born in 1998 in Tajikistan and is a citizen of the Central Asian country."),
    "ATK_FAYZOV": ("sputnik-terrorist-list", RF_LIST),
}
for atk, f_part, f_nat, _, _, _ in ATTACKERS:
    fact("PERPETRATED", R[atk], CRO, f_part, 85, vq=("sputnik-terrorist-list", RF_LIST), reported="2024-03-28",
         props={"basis": "named by Rosfinmonitoring as one of the four attackers (2024-03-28); charged as a direct perpetrator (2024-03-24); sentenced to life (2026-03-12)"},
         drop=("role", "charge"))
    fact("HAS_NATIONALITY", R[atk], R["NAT_TAJIK"], f_nat, 80, vq=NAT_QUOTE[atk], reported="2024-03-28",
         props={"note": "dual Russian-Tajik citizenship is possible; Tajikistan first called the reports fake (DENIED edge)"})

# ---- The US warning ---------------------------------------------------------
US_ALERT = "The embassy is monitoring reports that extremists have imminent plans to target large gatherings in Moscow, to include concerts, and US citizens should be advised to avoid large gatherings over the next 48 hours"
fact("ISSUED", R["STATE_US"], R["EV_US_EMBASSY_WARNING_2024"], 88, 90, reported="2024-03-07", vq=("rt-us-embassy-alert", US_ALERT))
fact("WARNED_ABOUT", R["STATE_US"], CRO, 88, 80, reported="2024-03-07", vq=("rt-us-embassy-alert", US_ALERT),
     seed_quote="Despite prior warnings from the US government about a potential attack",
     props={"channel": "public alert plus private notice to the Russian government ('duty to warn', Kirby)"},
     drop=("quote", "date", "posted"))
fact("PRECEDED", R["EV_US_EMBASSY_WARNING_2024"], CRO, 89, 90, reported="2024-03-27")
fact("RESPONDED_TO", R["PER_KIRBY"], CRO, 28, 85, rq="quote", reported="2024-03-27",
     props={"reportedOnBasis": "date of the Miami Herald page (he spoke on 2024-03-25)"})
fact("RESPONDED_TO", R["PER_PUTIN"], R["EV_US_EMBASSY_WARNING_2024"], 76, 85,
     vq=("thediplomat-central-asian-jihadism", "Russia\u2019s President Vladimir Putin dismissed Washington\u2019s numerous terror warnings, assessing them as \u201coutright blackmail\u201d and an \u201cattempt to intimidate and destabilize\u201d Russian society"),
     props={"response": "dismissed the Western warnings as blackmail"})
fact("ISSUED", R["STATE_GB"], R["EV_US_EMBASSY_WARNING_2024"], 92, 65, reported="2024-03-08",
     props={"role": "repeated the US advisory (UK Embassy in Russia); did not originate it"})
fact("WARNED_ABOUT", R["STATE_US"], R["EV_KERMAN_2024"], 93, 75, reported="2024-01-03",
     props={"reportedOnBasis": "undated article; the warning preceded the attack of 2024-01-03"})

# ---- Claims, attributions, perpetrators of the Crocus attack -----------------
fact("CLAIMED_RESPONSIBILITY", R["GRP_IS"], CRO, 23, 90, "claimed", reported="2024-03-22", rq="wording")
fact("PUBLISHED_CLAIM", R["GRP_AMAQ"], CRO, 24, 85, "claimed", key="2024-03-22-statement",
     vq=("cir-crocus-analysis", "The statement, however, did not attribute responsibility of the attack to the Islamic State Khorasan Province (ISKP),1 but rather to \u201csoldiers of the caliphate in Russia.\u201d"))
fact("PUBLISHED_CLAIM", R["GRP_AMAQ"], CRO, 25, 80, "claimed", key="2024-03-23-photo",
     props={"content": "photo of the four attackers"})
fact("PUBLISHED_CLAIM", R["GRP_AMAQ"], CRO, 26, 80, "claimed", key="2024-03-23-video",
     props={"content": "attack video"})
# Review: "most likely responsible" is an attribution, not a report of fact.
fact("PERPETRATED", R["GRP_ISKP"], CRO, 22, 70, "attributed", reported="2024-03-25",
     extra_sources=("https://owiki.org/wiki/ISIS_Khorasan",),
     vq=("owiki-isis-khorasan", "In March 2024, four Tajik ISIS\u2013K gunmen launched an attack on a concert hall in Krasnogorsk, Russia"),
     props={"attributedBy": "Wikipedia (mirrors), relaying US officials: ISKP 'most likely responsible'; the Amaq claim did not name ISKP (CIR)",
            "reportedOnBasis": "undated encyclopedia mirrors; earliest possible date"})
fact("ATTRIBUTED", R["STATE_US"], R["GRP_IS"], 27, 85, "attributed", props={"event": CRO}, reported="2024-03-24",
     summary="NHK World reports that the US National Security Council said ISIS alone was responsible for the Crocus attack and that Ukraine was not involved.")
fact("PERPETRATED", R["GRP_IS"], CRO, 27, 80, "attributed", key="attributed-by-us", props={"attributedBy": "state:us"}, reported="2024-03-24",
     summary="NHK World reports that the US government attributed the Crocus attack to ISIS alone (an attribution, not a finding).")
fact("ATTRIBUTED", R["STATE_FR"], R["GRP_IS"], 29, 85, "attributed", props={"event": CRO}, rq="statement")
fact("PERPETRATED", R["GRP_IS"], CRO, 29, 75, "attributed", key="attributed-by-fr", props={"attributedBy": "state:fr"}, rq="statement")
VERDICT = ("Четыре исполнителя теракта в «Крокусе» Далерджон Мирзоев, Саидакрами Рачабализода, Шамсидин Фаридуни "
           "и Мухаммадсобир Файзов приговорены к пожизненному сроку")
for atk, f_part, f_nat, f_assoc, f_sent, years in ATTACKERS:
    # Review: "associated with ... not proven" is not membership: attributed, 45.
    fact("MEMBER_OF", R[atk], R["GRP_ISKP"], f_assoc, 45, "attributed", reported="2024-03-25",
         vq=("owiki-isis-khorasan", "four Tajik ISIS\u2013K gunmen"),
         props={"attributedBy": "Wikipedia (mirror), relaying the attribution of the attack to ISKP; individual membership not proven in the records read",
                "reportedOnBasis": "undated encyclopedia mirror; earliest possible date (named 2024-03-24/25)"})
    fact("PROSECUTED_IN", R[atk], "event:2024-03-24-basmanny-court-hearing", f_part, 90,
         vq=("cnn-live-2024-03-25", "Each of the four defendants charged with committing a terrorist act in the Crocus City concert hall attack was brought to court individually in Moscow on Sunday."),
         reported="2024-03-25", props={"outcome": "charged; placed in pretrial detention"})
    fact("PROSECUTED_IN", R[atk], R["EV_CROCUS_VERDICT_2026"], f_sent, 95, vq=("news-ru-verdict", VERDICT),
         props={"sentence": "life imprisonment", "prisonYears": years})
    fact("DESIGNATED_TERRORIST", R["STATE_RU"], R[atk], 65, 90, props={"listedBy": "Rosfinmonitoring"},
         vq=("sputnik-terrorist-list", "The service added Dalerdzhon Mirzoyev, Shamsidin Fariduni, Saidakrami Rachabalizoda and Muhammadsobir Fayzov to the list of terrorist and extremists, according to its registry."))
    fact("DETAINED", R["STATE_RU"], R[atk], 64, 90, reported="2024-03-23", drop=("date",))
fact("PROSECUTED_IN", R["ATK_MIRZOYEV"], "event:2024-03-24-basmanny-court-hearing", 47, 85,
     vq=("caliber-court", "Dalerdzhon Mirzoyev, a 33-year-old citizen of the Republic of Tajikistan, confessed to his involvement in the attack."),
     key="admitted-guilt", props={"outcome": "admitted guilt"})
fact("DETAINED_AT", R["ATK_FAYZOV"], R["LOC_BRYANSK_KHATSUN"], 55, 70)
for atk in ("ATK_MIRZOYEV", "ATK_RACHABALIZODA", "ATK_FARIDUNI"):
    fact("DETAINED_AT", R[atk], R["LOC_BRYANSK_KHATSUN"], 64, 60, reported="2024-03-23",
         props={"caveat": "the fact places 'the attackers' near Khatsun; CIR geolocated one arrest to Kommuna, Navlinsky district"})
fact("TRAVELED_TO", R["ATK_RACHABALIZODA"], R["STATE_TR"], 49, 80, reported="2024-01-05",
     valid_from="2024-01-05")
fact("TRAVELED_TO", R["ATK_FARIDUNI"], R["STATE_TR"], 51, 60, reported="2024-03-04",
     props={"reportedOnBasis": "undated article; his return to Russia (2024-03-04)"})
fact("TRAVELED_TO", R["ATK_FARIDUNI"], R["LOC_CROCUS"], 52, 65, reported="2024-03-07",
     props={"purpose": "visited the venue before the attack"})
fact("TRIAL_OF", R["EV_CROCUS_VERDICT_2026"], CRO, 59, 95, extra_sources=("https://news.ru/society/sud-vynes-prigovor-chetyrem-ispolnitelyam-terakta-v-krokuse",),
     vq=("news-ru-verdict", "Суд вынес приговоры четырем исполнителям теракта в «Крокусе»"))
fact("TRIAL_OF", "event:2024-03-24-basmanny-court-hearing", CRO, 30, 90, reported="2024-03-25",
     vq=("cnn-live-2024-03-25", "They are accused of committing a crime under part 3, provision \u201cb\u201d of article 205 of the Russian Criminal Code (terrorist act)"),
     props={"note": "court hearing built from the charge facts 30, 34, 38, 42"}, drop=("role",))
fact("OCCURRED_IN", "event:2024-03-24-basmanny-court-hearing", "location:moscow", 30, 90, reported="2024-03-25",
     vq=("cnn-live-2024-03-25", "was brought to court individually in Moscow on Sunday"),
     key=None, drop=("role", "charge"))

# ---- Investigations and detentions -----------------------------------------
BORTNIKOV_11 = ("The head of the Russian FSB, Alexander Bortnikov, reported to Russian President Vladimir Putin on 23 March "
                "on the arrest of 11 people, including all four terrorists directly involved in the terrorist attack.")
fact("INVESTIGATED", R["STATE_RU"], CRO, 56, 85, key="2024-03-23", vq=("giornaledibrescia-kiev", BORTNIKOV_11),
     props={"action": "detentions"})
fact("INVESTIGATED", R["STATE_RU"], CRO, 57, 75, key="12-detained", reported="2024-03-28",
     props={"reportedOnBasis": "undated Wikipedia mirror (text covers events to at least 2024-03-28)"})
fact("INVESTIGATED", R["STATE_RU"], CRO, 58, 60, key="2024-03-30")
fact("SPOKE_WITH", R["PER_BORTNIKOV"], R["PER_PUTIN"], 56, 80, key=None, vq=("giornaledibrescia-kiev", BORTNIKOV_11),
     props={"topic": "11 detained over the Crocus attack, 4 of them direct perpetrators", "event": CRO})
fact("DETAINED", R["STATE_RU"], R["PER_ISLOMOV_FAMILY"], 60, 80,
     props={"event": CRO, "action": "pretrial detention"})
fact("DETAINED", R["STATE_RU"], R["PER_KASIMOV"], 61, 80,
     props={"event": CRO, "action": "pretrial detention"})
fact("INVESTIGATED", R["STATE_TJ"], CRO, 62, 75, reported="2024-03-29",
     props={"reportedOnBasis": "undated; 'week after the attack'"})
fact("INVESTIGATED", R["STATE_TR"], CRO, 63, 80, reported="2024-03-25",
     props={"reportedOnBasis": "undated article; Turkish prosecutors' action after 2024-03-22 (earliest possible date)"})
fact("SPOKE_WITH", R["PER_BASTRYKIN"], R["PER_PUTIN"], 14, 85)

# ---- Allegations by a party to the conflict, denials, reactions -------------
fact("ACCUSED", R["STATE_RU"], R["STATE_UA"], 67, 15, "alleged", key="2024-03-23-fsb", props={"event": CRO},
     vq=("eastleighvoice-denial", "tried to escape, travelling by car towards the Russian-Ukrainian border ... the criminals intended to cross the Russian-Ukrainian border and had appropriate contacts on the Ukrainian side."))
fact("ACCUSED", R["PER_PUTIN"], R["STATE_UA"], 68, 15, "alleged", key="2024-03-23", props={"event": CRO},
     vq=("straitstimes-putin-ukraine", "They tried to hide and moved towards Ukraine, where, according to preliminary data, a window was prepared for them from the Ukrainian side to cross the state border"))
fact("ACCUSED", R["PER_PUTIN"], R["STATE_UA"], 70, 15, "alleged", key="2024-03-25",
     props={"event": CRO})
fact("RESPONDED_TO", R["PER_PUTIN"], CRO, 70, 85, key="2024-03-25", props={"statement": "acknowledged the perpetrators were radical Islamists"},
     drop=("additional_claim",))
fact("RESPONDED_TO", R["PER_PUTIN"], CRO, 69, 90, key="day-of-mourning", reported="2024-03-23",
     vq=("straitstimes-putin-ukraine", "He said March 24 would be a day of mourning."),
     props={"action": "declared 2024-03-24 a national day of mourning",
            "reportedOnBasis": "date of his address (same article as fact 68)"})
fact("ACCUSED", R["PER_PATRUSHEV"], R["STATE_UA"], 71, 10, "alleged", props={"event": CRO},
     vq=("sputnik-patrushev", "Ukraine, not ISIS, was behind the March 22 terrorist attack at the Crocus City Hall in Moscow, Russia's Security Council Secretary Nikolai Patrushev said."))
fact("ACCUSED", R["PER_BORTNIKOV"], R["STATE_UA"], 72, 10, "alleged", props={"event": CRO})
fact("ACCUSED", R["PER_BORTNIKOV"], R["STATE_US"], 72, 10, "alleged", props={"event": CRO})
fact("ACCUSED", R["PER_BORTNIKOV"], R["STATE_GB"], 72, 10, "alleged", props={"event": CRO})
fact("ACCUSED", R["STATE_RU"], R["STATE_UA"], 73, 15, "alleged", key="2024-03-28-financing", props={"event": CRO})
fact("RESPONDED_TO", R["PER_MEDVEDEV"], CRO, 75, 75, reported="2024-03-23", rq="quote",
     props={"reportedOnBasis": "undated Telegram post as reported on the day after the attack"})
fact("DENIED", R["PER_PODOLYAK"], CRO, 77, 90, "denied", vq=("anews-podolyak", "Ukraine absolutely has nothing to do with these events"))
fact("DENIED", R["PER_PODOLYAK"], R["STATE_RU"], 78, 90, "denied", props={"event": CRO},
     vq=("eastleighvoice-denial", "The versions of Russian special services regarding Ukraine are absolutely untenable and absurd"))
fact("ACCUSED", R["STATE_UA"], R["STATE_RU"], 79, 10, "alleged", props={"event": CRO, "claim": "provocation by Russian special services"},
     vq=("eastleighvoice-denial", "Kyiv's own intelligence services had on Friday said it was a \"planned and deliberate provocation by the Russian special services on Putin's orders.\""))
fact("CRITICIZED", R["PER_ZELENSKY"], R["PER_PUTIN"], 80, 85, reported="2024-03-24")
fact("RESPONDED_TO", R["PER_LUKASHENKO"], CRO, 81, 60, props={"note2": "contradicts Putin's 'window in Ukraine' account"})
fact("DENIED", R["STATE_TJ"], CRO, 82, 85, "denied",
     props={"denial": "initially called reports of Tajik citizens' involvement 'fake'"})
fact("SPOKE_WITH", R["PER_RAHMON"], R["PER_PUTIN"], 83, 60, rq="quote")
fact("WARNED_ABOUT", R["STATE_TJ"], R["STATE_RU"], 84, 75, reported="2024-05-02", props={"advisory": "travel advisory against Russia"})

# ---- IS-K and Tajikistan by other routes -------------------------------------
fact("RECRUITED_FROM", R["GRP_ISKP"], R["NAT_TAJIK"], 87, 85, reported="2024-03-25",
     vq=("gfatf-recruiting-tajikistan", "the group\u2019s local affiliate in Afghanistan had succeeded in recruiting leading militants from Jamaat Ansarullah, a veteran Tajikistan extremist Islamist group"),
     props={"reportedOnBasis": "the gfatf.org page (undated) reports it after the Crocus attack; the UN monitoring report it cites is of January 2024"})
ISK_ACTIVE = "active in Central and South Asia, primarily Afghanistan, Pakistan, Tajikistan and Uzbekistan"
fact("ACTIVE_IN", R["GRP_ISKP"], R["STATE_AF"], [96, 97], 90, reported="2024-03-25", vq=("owiki-isis-khorasan", ISK_ACTIVE),
     props={"reportedOnBasis": "undated encyclopedia mirrors (kiwix snapshot 2024-01; owiki covers the Crocus attack)", "headquarters": "Achin District (de facto, originally)"})
# Fact 97's object is Pakistan; Tajikistan and Uzbekistan are in its other_active list.
for st in ("STATE_PK", "STATE_TJ", "STATE_UZ"):
    fact("ACTIVE_IN", R["GRP_ISKP"], R[st], 97, 80, reported="2024-03-25", vq=("owiki-isis-khorasan", ISK_ACTIVE),
         props={"reportedOnBasis": "undated encyclopedia mirror; earliest possible date (it covers the Crocus attack)"})
ISK_ROCKETS = "In April 2022, ISIS\u2013K launched rockets from Afghan territory into the country's northern neighbor Uzbekistan, and in May into Tajikistan."
fact("TARGETED", R["GRP_ISKP"], R["STATE_UZ"], 98, 75, reported="2022-04-30", vq=("owiki-isis-khorasan", ISK_ROCKETS),
     props={"action": "fired rockets into Uzbekistan (April 2022)", "reportedOnBasis": "month given (2022-04)"})
fact("TARGETED", R["GRP_ISKP"], R["STATE_TJ"], 98, 75, reported="2022-05-31", vq=("owiki-isis-khorasan", ISK_ROCKETS),
     props={"action": "fired rockets into Tajikistan (May 2022)", "reportedOnBasis": "month given (2022-05)"})

# ---- Tolls: every figure with its own source and date ------------------------
TOLL_DATE = {17: "2024-03-28", 16: "2024-03-30"}
# Toll figures verified in a stored passage, by source slug.
TOLL_VQ = {
    "web-mumbaipress-suspects": "the shooting carnage that claimed the lives of 137 people, including three children; and at least 154 people were injured",
    "web-timesofpakistan-domodedovo": "left 36 people dead and 180 injured",
    "web-wikipedia-volgograd-2013": "killing 34 people overall, including both perpetrators",
    "web-wikipedia-spb-metro-2017": "bringing the total to 15",
    "web-wikipedia-kerman": "The attacks killed at least 95 people, and injured 284 others.",
    "web-tvzvezda-verdict-toll": "Теракт унес жизни 150 человек, шестеро из которых дети. Еще 609 человек получили ранения.",
    "web-giornaledibrescia-kiev": "At least 115 people were killed and more than 100 others were hospitalized, the Investigative Committee confirmed.",
    "web-en-academic-nord-ost": "Death(s) At least 170 in total (including some 130 hostages)\nInjured Over 700",
}


def toll_vq(n):
    slug = URL_SOURCES[FACTS[n]["source"]]
    return (slug[4:], TOLL_VQ[slug]) if slug in TOLL_VQ else None

for n, conf in ((7, 60), (8, 75), (9, 80), (10, 85), (11, 80), (12, 85), (13, 85), (15, 85), (16, 85),
                (17, 80), (18, 70), (19, 75)):
    props = fact_props(n)
    f = FACTS[n]["properties"]
    if n == 17:
        props["reportedOnBasis"] = "undated Wikipedia mirror (text covers events to at least 2024-03-28)"
        props.pop("reportedOn", None)
    if "as_of" in f:
        props["asOf"] = f["as_of"]
    rep = TOLL_DATE.get(n) or fact_date(n)
    props.setdefault("asOf", rep)
    toll(n, CRO, rep, conf, reported=rep, props=props, vq=toll_vq(n))
# figures the compilation gives in its notes, each with its own source
for n, url, key, rep, props, conf in (
    (9, "https://realnewscast.com/tragedy-strikes-crocus-death-toll-climbs-to-115-investigators-warn-further-increase/20772/",
     "2024-03-23-93", "2024-03-23",
     {"deaths": 93, "asOf": "2024-03-23", "note": "earlier the same day as 115"}, 70),
    (10, "https://english.pravda.ru/news/hotspots/159224-crocus-city-hall-death-toll/", "2024-03-23", "2024-03-23",
     {"deaths": 150, "asOf": "2024-03-23", "note": "unconfirmed at the time; official figure that day was 133"}, 30),
    (11, "https://essanews.com/crocus-city-hall-tragedy-133-dead-isis-khorasan-claims-attack,7009444864444545a", "2024-03-24", "2024-03-24",
     {"deaths": 133, "injured": 154, "asOf": "2024-03-24", "reportedBy": "TASS / health ministry"}, 75),
    (15, "https://www.telesurenglish.net/news/Death-Toll-From-Terrorist-Attack-Moscow-Rises-143-20240327-0017.html", "2024-03-27", "2024-03-27",
     {"deaths": 143, "injured": 180, "asOf": "2024-03-27"}, 80),
    (17, "https://report.az/en/region/crocus-city-hall-attackers-sentenced-to-life-in-russia", "2026-03-12", "2026-03-12",
     {"deaths": 145, "childrenKilled": 6, "injured": 551, "asOf": "2026-03-12",
      "note": "conflicts with 150 reported the same day by Zvezda, news.ru and NSN"}, 75),
):
    USED_FACTS.setdefault(n, []).append("REPORTED_TOLL (note)")
    sid = src_id(url)
    add("REPORTED_TOLL", sid, CRO, [sid, PF], conf, "reported", rep, key=key,
        props=dict(props, publicFacts=[n], figureBasis="given in the compilation's note on fact %d" % n))

# other events' tolls
for n, ev, rep, conf in ((102, "EV_KERMAN_2024", "2024-01-05", 80), (103, "EV_KERMAN_2024", "2024-01-11", 80),
                         (104, "EV_KERMAN_2024", "2024-01-11", 70), (109, "EV_KABUL_AIRPORT_2021", "2021-08-26", 85),
                         (113, "EV_NORDOST_2002", "2002-10-26", 80), (118, "EV_BESLAN_2004", "2004-09-03", 85),
                         (122, "EV_MOSCOW_METRO_2010", "2010-03-29", 85), (125, "EV_DOMODEDOVO_2011", "2011-02-08", 85),
                         (129, "EV_VOLGOGRAD_2013", "2013-12-30", 85), (131, "EV_SPB_METRO_2017", "2017-04-03", 80),
                         (134, "EV_METROJET_9268_2015", "2015-10-31", 90)):
    props = fact_props(n)
    given = fact_date(n)
    if not given:
        props["reportedOnBasis"] = "undated source; the event's (end) date, the earliest the figure can date from"
    if n == 103:
        props["reportedOnBasis"] = "approximate: '~2024-01-11' per the compilation"
    props["figure"] = FACTS[n]["object"]
    toll(n, R[ev], given or rep, conf, reported=given or rep, props=props, vq=toll_vq(n))

# ---- The earlier attacks and the correction to the seed ---------------------
fact("DEADLIEST_SINCE", CRO, R["EV_BESLAN_2004"], 148, 85, reported="2024-03-22",
     props={"scope": "on Russian soil", "reportedOnBasis": "undated Wikipedia mirror; the press said 'deadliest in two decades' from the day of the attack",
            "caveat": "Metrojet 9268 (2015, 224 dead) killed more Russians, but over Egypt (fact 150)"})
fact("OCCURRED_IN", R["EV_NORDOST_2002"], R["LOC_DUBROVKA"], 112, 90, reported="2002-10-23",
     vq=("en-academic-nord-ost", "was the seizure of the crowded Dubrovka Theater on 23 October 2002"))
fact("PERPETRATED", R["PER_BARAYEV"], R["EV_NORDOST_2002"], 115, 85, reported="2002-10-23",
     vq=("en-academic-nord-ost", "The siege was officially led by Movsar Barayev."),
     props={"role": "led the hostage-takers"})
fact("CLAIMED_RESPONSIBILITY", R["PER_BASAYEV"], R["EV_NORDOST_2002"], 116, 80, "claimed", reported="2002-10-26",
     vq=("en-academic-nord-ost", "Shamil Basayev (claimed responsibility for organization)"))
fact("PERPETRATED", R["GRP_RIYADUS"], R["EV_NORDOST_2002"], 114, 65, reported="2002-10-26",
     vq=("en-academic-nord-ost", "Perpetrator(s) SPIR, Riyadus-Salikhin, IIPB"),
     props={"reportedOnBasis": "undated encyclopedia copy; the siege's end"})
fact("OCCURRED_IN", R["EV_BESLAN_2004"], R["LOC_BESLAN"], 117, 95, reported="2004-09-01")
fact("PERPETRATED", R["GRP_RIYADUS"], R["EV_BESLAN_2004"], 119, 85, reported="2004-09-03")
fact("CLAIMED_RESPONSIBILITY", R["PER_BASAYEV"], R["EV_BESLAN_2004"], 120, 85, "claimed", reported="2004-09-17",
     vq=("currenttime-beslan", "Within a few weeks, Chechen militia leader Shamil Basayev claimed responsibility for the attack."),
     props={"reportedOnBasis": "'within weeks' of the siege (2004-09); day not given"})
fact("PERPETRATED", R["PER_KULAYEV"], R["EV_BESLAN_2004"], 121, 90, reported="2004-09-03",
     vq=("currenttime-beslan", "All of the hostage-takers were killed except for one man, Nurpashi Kulayev, who was captured alive and sentenced to life in prison in 2006."))
fact("CLAIMED_RESPONSIBILITY", R["PER_UMAROV"], R["EV_MOSCOW_METRO_2010"], 123, 85, "claimed")
fact("PERPETRATED", R["GRP_CE"], R["EV_MOSCOW_METRO_2010"], 124, 80, reported="2010-03-31",
     props={"reportedOnBasis": "undated encyclopedia; the claim of 2010-03-31"})
fact("CLAIMED_RESPONSIBILITY", R["PER_UMAROV"], R["EV_DOMODEDOVO_2011"], 126, 85, "claimed", reported="2011-02-08",
     vq=("timesofpakistan-domodedovo", "Chechen warlord Doku Umarov, has said he ordered the deadly bomb attack last month on a Moscow airport."))
fact("PERPETRATED", R["GRP_CE"], R["EV_DOMODEDOVO_2011"], 127, 80, reported="2011-02-08")
fact("PERPETRATED", R["PER_YEVLOYEV"], R["EV_DOMODEDOVO_2011"], 128, 85, reported="2011-02-08",
     vq=("zeenews-domodedovo", "Magomed Yevloyev was identified by the investigators\nas the suicide bomber who targeted Domodedovo airport."),
     props={"reportedOnBasis": "the claim video of 2011-02-07/08 named him"})
fact("MEMBER_OF", R["PER_YEVLOYEV"], R["GRP_RIYADUS"], 128, 50, "claimed", reported="2011-02-08",
     vq=("zeenews-domodedovo", "Umarov claimed that the bomber`s name was Saifullah\nand he belonged the `Riyadus Salaheen` suicide squad."),
     props={"claimedBy": "person:doku-umarov"})
fact("PERPETRATED", R["GRP_VILAYAT_DAGESTAN"], R["EV_VOLGOGRAD_2013"], 130, 75, reported="2013-12-30",
     props={"reportedOnBasis": "undated encyclopedia; the bombings' end"})
fact("PERPETRATED", R["PER_JALILOV"], R["EV_SPB_METRO_2017"], 132, 85, reported="2017-04-03",
     vq=("wikipedia-spb-metro-2017", "The suspected perpetrator was named as Akbarzhon Jalilov, a Russian citizen who was an ethnic Uzbek born in Kyrgyzstan."))
fact("CLAIMED_RESPONSIBILITY", R["GRP_IMAM_SHAMIL"], R["EV_SPB_METRO_2017"], 133, 70, "claimed",
     vq=("akipress-591736", "A group called the Imam Shamil Battalion has claimed responsibility for a metro bombing in the Russian city of St. Petersburg that killed 16 people"))
fact("MOTIVATED_BY", R["EV_SPB_METRO_2017"], R["EV_RU_SYRIA_INTERVENTION_2015"], [147, 133], 55, "claimed",
     vq=("akipress-591736", "It said the metro attack was revenge for Russian violence against Muslim countries, citing Syria and Libya as well as the Russian republic of Chechnya."),
     reported="2017-04-25", props={"basis": "ISIL's 2016 plot against St Petersburg over Syria; Imam Shamil's stated motive 'revenge incl. Syria'"})
fact("TARGETED", R["EV_SPB_METRO_2017"], R["STATE_RU"], 147, 75, reported="2017-04-03")
fact("OCCURRED_IN", R["EV_METROJET_9268_2015"], R["LOC_SINAI"], 137, 95)
fact("LOCATED_IN", R["LOC_SINAI"], R["STATE_EG"], 138, 95, reported="2015-10-31")
fact("CLAIMED_RESPONSIBILITY", R["GRP_ISSP"], R["EV_METROJET_9268_2015"], 135, 85, "claimed", reported="2015-10-31",
     props={"claimBy": "person:abu-osama-al-masri"}, drop=("claim_by",))
fact("LEADER_OF", R["PER_ABU_OSAMA_ALMASRI"], R["GRP_ISSP"], 136, 75, reported="2015-10-31")
fact("RESPONDED_TO", R["STATE_RU"], R["EV_METROJET_9268_2015"], 139, 80, reported="2016-08-04",
     props={"action": "confirmed the crash as terrorism"})
fact("MOTIVATED_BY", R["EV_METROJET_9268_2015"], R["EV_RU_SYRIA_INTERVENTION_2015"], 140, 60, "claimed",
     vq=("stanford-mmp-557", "October 31, 2015: IS-IP claimed that it shot down a Russian charter jet in Egypt because of Russian airstrikes in Syria."),
     reported="2015-10-31", props={"reportedOnBasis": "the IS-SP claim (2015-10-31)"})
fact("AFFILIATE_OF", R["GRP_ISSP"], R["GRP_IS"], 141, 90, reported="2014-11-13", valid_from="2014-11-13",
     vq=("ctc-sinai-province", "Accordingly, JABM\u2019s name was dropped, replaced by \u201cwilayat sina,\u201d the Islamic State\u2019s province of Sinai (PS)."))
fact("LEADER_OF", R["PER_UMAROV"], R["GRP_CE"], 142, 85, reported="2007-10-07", valid_from="2007-10-07",
     vq=("wikimili-caucasus-emirate", "it was officially announced on 7 October 2007, by former President of Ichkeria Dokka Umarov, who became its first emir."),
     props={"role": "founder/emir"})
fact("DESIGNATED_TERRORIST", R["STATE_US"], R["GRP_CE"], 143, 90, reported="2011-05-31",
     vq=("longwarjournal-ce-designation", "Today under Executive Order 13224, the US State Department added the Islamic Caucasus Emirate, or Imarat Kavkaz, to the list of terrorist organizations."),
     props={"reportedOnBasis": "month given (2011-05); last day used"}, drop=("date",))
fact("SPLIT_FROM", R["GRP_VILAYAT_KAVKAZ"], R["GRP_CE"], 144, 80, reported="2015-12-31",
     vq=("wikimili-caucasus-emirate", "By late 2015 the group no longer had a visible presence in the North Caucasus region, as most of its members defected to the local ISIL affiliate, Vilayat Kavkaz."),
     props={"what": "most Caucasus Emirate members defected to it", "reportedOnBasis": "'by late 2015'"})
SYRIA_2015 = ("On 30 September 2015, President Putin authorized Russian military intervention in the Syrian Civil War, "
              "following a formal request by the Syrian government for military help against rebel and jihadist groups.")
fact("OCCURRED_IN", R["EV_RU_SYRIA_INTERVENTION_2015"], R["STATE_SY"], 145, 95, reported="2015-09-30", vq=("historydraft-syria-2015", SYRIA_2015))
fact("MILITARY_INVOLVEMENT_IN", R["STATE_RU"], R["EV_RU_SYRIA_INTERVENTION_2015"], 145, 95, reported="2015-09-30",
     valid_from="2015-09-30", vq=("historydraft-syria-2015", SYRIA_2015))
fact("MILITARY_INVOLVEMENT_IN", R["STATE_RU"], R["STATE_SY"], 145, 95, reported="2015-09-30", valid_from="2015-09-30", vq=("historydraft-syria-2015", SYRIA_2015))
SMO = ("Following President Vladimir Putin's statement declaring the commencenent of a 'special military operation' in Ukraine, "
       "the full-scale invasion began by land, air and sea.")
fact("TARGETED", R["EV_RU_INVASION_UKRAINE_2022"], R["STATE_UA"], 146, 95, reported="2022-02-24", vq=("cir-special-military-operation", SMO))
fact("MILITARY_INVOLVEMENT_IN", R["STATE_RU"], R["EV_RU_INVASION_UKRAINE_2022"], 146, 95, reported="2022-02-24",
     valid_from="2022-02-24", vq=("cir-special-military-operation", SMO))

# ---- Kerman 2024 and Kabul 2021 (IS-K's other attacks) ------------------------
fact("OCCURRED_IN", R["EV_KERMAN_2024"], R["LOC_KERMAN"], 100, 95, reported="2024-01-03",
     vq=("wikipedia-kerman", "a commemorative ceremony marking the assassination of Qasem Soleimani at his grave in eastern Kerman, Iran, was attacked by two bomb explosions"))
fact("LOCATED_IN", R["LOC_KERMAN"], R["STATE_IR"], 101, 95, reported="2024-01-03", vq=("wikipedia-kerman", "his grave in eastern Kerman, Iran"))
fact("CLAIMED_RESPONSIBILITY", R["GRP_IS"], R["EV_KERMAN_2024"], 105, 90, "claimed", reported="2024-01-05",
     vq=("tag24-kerman-claim", "The Islamic State group said Thursday that it carried out twin bombings which killed at least 84 people at a memorial ceremony in Iran"))
fact("PERPETRATED", R["GRP_ISKP"], R["EV_KERMAN_2024"], 106, 80, "attributed", reported="2024-01-05",
     vq=("wikipedia-kerman", "According to Reuters, the United States Intelligence Community concluded that the attack was perpetrated by the Afghanistan branch of the Islamic State, Islamic State \u2013 Khorasan Province."),
     props={"attributedBy": "state:us"})
fact("PERPETRATED", "attacker:kerman-bomber-tajik", R["EV_KERMAN_2024"], 107, 60, "attributed",
     reported="2024-01-05", props={"attributedBy": "state:ir"})
fact("HAS_NATIONALITY", "attacker:kerman-bomber-tajik", R["NAT_TAJIK"], 107, 55, "attributed",
     reported="2024-01-05", props={"attributedBy": "state:ir"})
fact("OCCURRED_IN", R["EV_KABUL_AIRPORT_2021"], R["LOC_KABUL_AIRPORT"], 108, 95)
fact("CLAIMED_RESPONSIBILITY", R["GRP_ISKP"], R["EV_KABUL_AIRPORT_2021"], 110, 90, "claimed",
     vq=("wapo-kabul", "ISIS-Khorasan, the Islamic State\u2019s Afghanistan and Pakistan arm, took responsibility for the attack in a statement"))
fact("PERPETRATED", R["PER_LOGARI"], R["EV_KABUL_AIRPORT_2021"], 111, 60, "claimed", reported="2022-01-05",
     props={"identifiedBy": "Islamic State; US officials (anonymous)"})

# ---- Places -------------------------------------------------------------------
fact("LOCATED_IN", R["LOC_CROCUS"], R["LOC_KRASNOGORSK"], 2, 95, reported="2024-03-22",
     props={"reportedOnBasis": "undated Wikipedia mirror; the attack date"})
fact("LOCATED_IN", R["LOC_KRASNOGORSK"], R["STATE_RU"], 3, 95, reported="2024-03-22",
     props={"reportedOnBasis": "undated Wikipedia mirror; the attack date"})
fact("VICTIMS_FROM", CRO, R["STATE_KG"], 21, 80, reported="2024-03-27",
     props={"reportedOnBasis": "undated; reported with the 143 toll (2024-03-27/28)"})
KALUGA = ("On the territory of the Kaluga region, the activities of a cell of the international terrorist organization "
          "\u201cIslamic State\u201d in Afghanistan \u201cVilayat Khorasan\u201d, banned in Russia, were suppressed")
fact("TARGETED", R["EV_FSB_KALUGA_SYNAGOGUE_PLOT_2024"], R["GRP_ISKP"], 90, 80, vq=("i24-synagogue-plot", KALUGA))
fact("NATIONALITY_OF", R["NAT_KAZAKH"], R["STATE_KZ"], 86, 90, reported="2024-03-11")

# ---- From the entities file -----------------------------------------------------
# Summaries: the entities file is a compilation; its fields are never quoted.
OFFICIALS = [("PER_PUTIN", "STATE_RU"), ("PER_BORTNIKOV", "STATE_RU"), ("PER_PATRUSHEV", "STATE_RU"),
             ("PER_BASTRYKIN", "STATE_RU"), ("PER_MEDVEDEV", "STATE_RU"), ("PER_LUKASHENKO", "STATE_BY"),
             ("PER_PODOLYAK", "STATE_UA"), ("PER_ZELENSKY", "STATE_UA"), ("PER_KIRBY", "STATE_US"), ("PER_RAHMON", "STATE_TJ")]
for per, st in OFFICIALS:
    role = ENTS[per]["properties"]["role"]
    ent("OFFICIAL_OF", R[per], R[st], "The public entities compilation gives %s's office as %s." % (ENTS[per]["name"], role),
        90, props={"role": role})
ent("AFFILIATE_OF", R["GRP_AMAQ"], R["GRP_IS"],
    "The public entities compilation describes Amaq as the Islamic State-affiliated news and propaganda outlet.", 90)
ent("SPLIT_FROM", R["GRP_ISKP"], "group:tehreek-i-taliban-pakistan",
    "The public entities compilation says IS-K split from Tehreek-i-Taliban Pakistan.", 80, reported="2015-01-26")
ent("AFFILIATE_OF", R["GRP_VILAYAT_KAVKAZ"], R["GRP_IS"],
    "The public entities compilation describes Vilayat Kavkaz as the Islamic State affiliate to which most Caucasus Emirate members defected by late 2015.",
    85, reported="2015-12-31")
ent("AFFILIATE_OF", R["GRP_VILAYAT_DAGESTAN"], R["GRP_CE"],
    "The public entities compilation names Vilayat Dagestan as the Dagestan province of the Caucasus Emirate.", 85, reported="2013-12-30")
ent("LEADER_OF", R["PER_BASAYEV"], R["GRP_RIYADUS"],
    "The public entities compilation names Shamil Basayev as the leader associated with Riyad-us Saliheen.", 75, reported="2004-09-03")
ent("HAS_NATIONALITY", R["PER_BASAYEV"], R["NAT_CHECHEN"],
    "The public entities compilation describes Shamil Basayev as a Chechen warlord, killed in 2006.", 85, reported="2004-09-03")
ent("NATIONALITY_OF", R["NAT_CHECHEN"], R["STATE_RU"],
    "The public entities compilation describes the Chechens as an ethnic group of the North Caucasus, in Russia.", 80)
ent("ACTIVE_IN", R["GRP_CE"], R["STATE_RU"],
    "The public entities compilation places the Caucasus Emirate in the North Caucasus, Russia.", 90, reported="2007-10-07")
ent("ACTIVE_IN", R["GRP_ISSP"], R["STATE_EG"],
    "The public entities compilation places Islamic State Sinai Province in Egypt.", 90, reported="2014-11-13")
ent("OCCURRED_IN", R["EV_CROCUS_VERDICT_2026"], "location:moscow",
    "The public entities compilation says the verdict was given by the Second Western District Military Court, sitting at Moscow City Court.",
    95, reported="2026-03-12")
for loc, st in (("LOC_KABUL_AIRPORT", "STATE_AF"), ("LOC_BESLAN", "STATE_RU"), ("LOC_DUBROVKA", "location:moscow"),
                ("LOC_BRYANSK_KHATSUN", "STATE_RU")):
    ent("LOCATED_IN", R[loc], R.get(st, st),
        "The public entities compilation places %s in %s." % (ENTS[loc]["name"], node_name(R.get(st, st))), 95)
# Places the seed or a fact names without an entity row.
ent("LOCATED_IN", "location:moscow", R["STATE_RU"],
    "The public entities compilation places the Dubrovka Theater, Moscow, in Russia, so Moscow lies in Russia.", 95)
fact("LOCATED_IN", "location:kaluga-oblast", R["STATE_RU"], 90, 95)
fact("OCCURRED_IN", R["EV_FSB_KALUGA_SYNAGOGUE_PLOT_2024"], "location:kaluga-oblast", 90, 90, vq=("i24-synagogue-plot", KALUGA))

# ---------------------------------------------------------------------------
# 4. Facts deliberately not imported as edges (see README): why, per fact.
# ---------------------------------------------------------------------------
NOT_IMPORTED = {
    4: "property: event.weapons (literal; no relationship type)",
    5: "property: location capacity (literal)",
    6: "property: the venue's owner/opening are entity properties (literal)",
    20: "property: event.missingReported (a missing-persons count is not a death/injury toll)",
    46: "property: attacker ageReported (literal)",
    48: "property: attacker born (literal)",
    50: "property: attacker born (literal)",
    53: "property: attacker roleAlleged (literal, unverified media claim)",
    54: "property: attacker born (literal)",
    66: "property: court-hearing defendantsCondition (literal; no type for mistreatment)",
    74: "rejected: 'citizens of several countries' names no actor; ACCUSED needs a State, Group or Person target",
    91: "property: event killed/killedNationality; the cell members killed by the FSB are not victims (VICTIMS_FROM) nor a target nationality (TARGETED)",
    95: "property: group founded (literal)",
    99: "property: group caliphateDeclared (literal)",
    114: "property: event perpetrators; no type links a nationality to an event as perpetrator (the groups named become a PERPETRATED edge from Riyad-us Saliheen)",
    142: "property: group founded (literal); the founder becomes LEADER_OF",
    149: "property: event erroneouslyReportedAs (misinformation; no type for 'misreported as')",
    150: "rejected: no 'deadlier than' type; recorded as a caveat on DEADLIEST_SINCE Beslan",
    85: "same relation as the seed's NATIONALITY_OF edge (Tajik -> Tajikistan); its source is dated 2024-03-28, after the seed, so it is not added to the seed's edge (reportedOn would move past the seed's date); Sputnik's 'four Tajik citizens' is quoted on the attackers' HAS_NATIONALITY",
}


# ---------------------------------------------------------------------------
# 5. Assemble.
# ---------------------------------------------------------------------------
def entity_node(pid):
    e = ENTS[pid]
    nid = ID_MAP[pid]
    kind = KIND_OVERRIDE.get(pid, e["kind"])
    props = {}
    for k, v in e["properties"].items():
        if k in ENTITY_PROP_SKIP:
            continue
        props[camel(k)] = mapval(v)
    p = e["properties"]
    if "iso_3166_1_alpha2" in p:
        props["iso2"] = p["iso_3166_1_alpha2"]
    if "date_end" in p:
        props["endDate"] = p["date_end"]
    if "location" in p:
        props["location"] = ID_MAP[p["location"]]
    urls = [u for u in p.get("sources", [])]
    if urls:
        props["sourceUrls"] = urls
    props["publicId"] = pid
    props.update(EXTRA_PROPS.get(pid, {}))
    aliases = [a for a in (e.get("aliases") or []) if a not in DROP_ALIASES.get(pid, [])]
    for a in EXTRA_ALIASES.get(pid, []):
        if a not in aliases:
            aliases.append(a)
    node = {"id": nid, "kind": kind, "name": NAME_OVERRIDE.get(pid, e["name"])}
    if aliases:
        node["aliases"] = aliases
    node["properties"] = props
    return node


def source_nodes(used):
    nodes = [
        {"id": SEED, "kind": "Source", "name": "Seed article on the Crocus City Hall attack (2024-03-25)",
         "aliases": ["seed article"], "textFile": SEED_FILE,
         "properties": {"title": "Untitled opinion article on the Crocus City Hall attack",
                        "date": "2024-03-25", "publisher": "unknown (supplied to the project as the seed)",
                        "reliability": OWN_GRADE[SEED][1], "reliabilityGrade": OWN_GRADE[SEED][0]}},
        {"id": PF, "kind": "Source", "name": "Public facts around the Crocus City Hall attack (compilation)",
         "textFile": FACTS_FILE,
         "properties": {"title": "crocus-public-facts.jsonl: 150 facts, one per line, each with the URL it was read from",
                        "publisher": "actorgraph project (compilation of public reports)",
                        "reliability": "compilation, not graded: each fact is worth what its URL source is worth; never quoted"}},
        {"id": PE, "kind": "Source", "name": "Public entities around the Crocus City Hall attack (compilation)",
         "textFile": ENTS_FILE,
         "properties": {"title": "crocus-public-entities.json: 75 entities with aliases and properties",
                        "publisher": "actorgraph project (compilation of public reports)",
                        "reliability": OWN_GRADE[PE][1], "reliabilityGrade": OWN_GRADE[PE][0]}},
    ]
    for url in sorted(used, key=lambda u: URL_SOURCES[u]):
        h = host(url)
        site = h[4:] if h.startswith("www.") else h
        g, why = SITE[h]
        slug = URL_SOURCES[url]
        props = {"url": url, "publisher": site, "reliability": why, "reliabilityGrade": g}
        m = re.search(r"/(20\d\d)[/-]?(\d\d)[/-]?(\d\d)", url)
        if m and "wikipedia_en_all" not in url:
            d = "%s-%s-%s" % m.groups()
            if ISO.match(d) and "01" <= d[5:7] <= "12" and "01" <= d[8:10] <= "31":
                props["date"] = d
        if slug in ARCHIVE_DATE:
            props["date"] = ARCHIVE_DATE[slug]
            props["dateBasis"] = "date shown by the page archive (the URL carries none)"
        node = {"id": src_id(url), "kind": "Source", "name": site + ": " + slug[4:].replace("-", " ")}
        if "source:" + slug in TEXT_FILES:
            node["textFile"] = TEXT_FILES["source:" + slug]
            props["textBasis"] = WEB_TEXT_BASIS
            if slug in TEXT_URL:
                props["textUrl"] = TEXT_URL[slug]
                props["textBasis"] += "; read at textUrl, the same article (same title, publisher and authors) at an address differing by one word"
        node["properties"] = props
        nodes.append(node)
    return nodes


def follow_grade(e):
    """Confidence follows the grade: cap at the band of the best-graded source."""
    gs = [grade(s) for s in e["sources"] if grade(s)]
    assert gs, ("no graded source", e["type"], e["source"], e["target"])
    best = min(gs)  # "A" < "B" < ...
    lo, hi = BANDS[best]
    if e["stance"] == "alleged":
        lo, hi = 10, min(30, hi)
    elif e.get("inferred"):
        lo, hi = 15, min(50, hi)
    if e["confidence"] > hi:
        e.setdefault("properties", {})["confidenceCapped"] = "%d -> %d (best source grade %s)" % (e["confidence"], hi, best)
        e["confidence"] = hi
    assert lo <= e["confidence"] <= hi, ("confidence below the band", e["type"], e["source"], e["target"], e["confidence"], best)


def build():
    nodes = [entity_node(pid) for pid in ENTS]
    nodes += NEW_NODES
    used_urls = set()
    rev = {v: k for k, v in URL_SOURCES.items()}
    for e in EDGES:
        for s in e["sources"] + [e["source"]]:
            if s.startswith("source:web-"):
                used_urls.add(rev[s[len("source:"):]])
    nodes += source_nodes(used_urls)
    for e in EDGES:
        follow_grade(e)
    ds = {"name": "crocus-city-hall-2024",
          "description": ("The Crocus City Hall attack of 2024-03-22 as reported by the seed article of 2024-03-25, "
                          "enriched with public facts, each with its own source. Claims, attributions, allegations "
                          "and denials are kept apart by stance; every toll report is its own edge. "
                          "See data/crocus/README.md."),
          "nodes": nodes, "edges": EDGES}
    check(ds)
    return ds


def check(ds):
    ids = {}
    for n in ds["nodes"]:
        assert n["id"] not in ids, "duplicate node " + n["id"]
        ids[n["id"]] = n
        assert re.match(r"^[a-z]+:[a-z0-9][a-z0-9._~-]*$", n["id"]), n["id"]
        for k, v in n.get("properties", {}).items():
            assert k not in ("id", "kind", "name", "aliases", "keys"), (n["id"], k)
            assert v is not None and not isinstance(v, dict), (n["id"], k)
    texts = dict(TEXTS)
    seen = set()
    for e in ds["edges"]:
        eid = e.get("id") or "%s:%s->%s" % (e["type"], e["source"], e["target"])
        assert eid not in seen, "duplicate edge id " + eid
        seen.add(eid)
        assert e["source"] in ids and e["target"] in ids, ("dangling", eid)
        for s in e["sources"]:
            assert s in ids and ids[s]["kind"] == "Source", (eid, s)
        ev = e["evidence"]
        if ev == "quote":
            qs = e["quoteSource"]
            t = texts[qs]
            assert qs in e["sources"] and t[e["quoteStart"]:e["quoteEnd"]] == e["quote"], ("quote", eid)
            assert e["quoteSha256"] == SHA[qs] and qs != PF and qs != PE, eid
        elif ev == "reported-quote":
            assert e["quoteSource"].startswith("source:web-") and e["quoteSource"] in e["sources"], eid
            assert e["quote"] and not re.search(r'[{}]|"\w+":', e["quote"]), ("JSON in quote", eid)
        else:
            assert ev == "summary" and e["quote"] == "" and e["summary"], eid
        dates = [d for d in (ids[s]["properties"].get("date") for s in e["sources"]) if d]
        assert not dates or e["reportedOn"] >= min(dates), ("reportedOn before its earliest source's date", eid, e["reportedOn"], min(dates))
        for k, v in e.get("properties", {}).items():
            assert v is not None and not isinstance(v, dict), (eid, k)
            if isinstance(v, list):
                assert len({type(x) for x in v}) <= 1, (eid, k)
        assert ISO.match(e["reportedOn"]), eid
    missing = [n for n in FACTS if n not in USED_FACTS and n not in NOT_IMPORTED]
    assert not missing, "facts neither imported nor listed as not imported: %s" % missing
    for n in FACTS:
        assert not (n in USED_FACTS and n in NOT_IMPORTED and "rejected" in NOT_IMPORTED[n]), n


def main():
    ds = build()
    out = json.dumps(ds, ensure_ascii=False, indent=1) + "\n"
    path = os.path.join(HERE, "crocus.json")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != out:
                sys.exit("crocus.json is stale: run python3 build.py")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    kinds, types = {}, {}
    for n in ds["nodes"]:
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    for e in ds["edges"]:
        types[e["type"]] = types.get(e["type"], 0) + 1
    print("%d nodes %s" % (len(ds["nodes"]), dict(sorted(kinds.items()))))
    print("%d edges %s" % (len(ds["edges"]), dict(sorted(types.items()))))


if __name__ == "__main__":
    main()
