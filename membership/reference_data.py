"""Reference data the portal starts with; staff edit it afterwards in the portal.

Sources: PRH's association register purpose classes, and the eight organisation types VAKE's
board set for the council (16.10.2023 § 33, 22.1.2024 § 4) plus a place for multi-sector
organisations.
"""

PRH_MAIN_CLASSES = [
    ("political", "Poliittinen", "Politisk", "Political"),
    ("profession", "Ammatillinen ja elinkeinoelämä", "Yrkes- och näringsliv", "Profession and trade"),
    ("social-health", "Sosiaali- ja terveysala", "Social- och hälsovård", "Social and health"),
    ("culture", "Kulttuuri", "Kultur", "Culture"),
    ("leisure", "Vapaa-aika", "Fritid", "Leisure"),
    ("sports", "Urheilu ja liikunta", "Idrott och motion", "Sports and exercise"),
    ("religion", "Uskonnollinen ja aatteellinen", "Religion och världsåskådning", "Religion and world-view"),
    (
        "defence-international",
        "Maanpuolustus ja kansainväliset suhteet",
        "Försvar och internationella relationer",
        "National defence and international relations",
    ),
    ("other", "Muut", "Övriga", "Other"),
    ("unclassified", "Luokittelematon", "Oklassificerad", "Unclassified"),
]

SEAT_CATEGORIES = [
    (
        "child-protection",
        "Lastensuojelu, lastenhoito, vanhemmuus ja holhous",
        "Barnskydd, barnomsorg, föräldraskap och förmynderskap",
        "Child protection, child care, parenthood and guardianship",
    ),
    (
        "illness-disability",
        "Sairaus- ja vammaisjärjestöt (potilas- ja vammaisjärjestöt, sotainvalidit)",
        "Sjukdoms- och funktionshinderorganisationer (patient- och handikapporganisationer, krigsinvalider)",
        "Illness and disability (patient and disability associations, war invalids)",
    ),
    ("pensioners", "Eläkeläisjärjestöt", "Pensionärsföreningar", "Pensioners' associations"),
    (
        "health-promotion",
        "Terveyden ja hyvinvoinnin edistäminen sekä syrjäytymisen ehkäisy",
        "Främjande av hälsa och välfärd samt förebyggande av utanförskap",
        "Promotion of health and wellbeing and prevention of exclusion",
    ),
    (
        "other-social-health",
        "Muut sosiaali- ja terveysalan yhdistykset",
        "Övriga social- och hälsovårdsföreningar",
        "Other social and health associations",
    ),
    ("older-people", "Ikääntyneiden hyvinvointi", "De äldres välfärd", "Wellbeing of older people"),
    (
        "employment",
        "Työllistyminen ja työelämään pääsy",
        "Sysselsättning och inträde i arbetslivet",
        "Employment and getting into work",
    ),
    (
        "addictions",
        "Päihde- ja muut riippuvuudet, raittiusjärjestöt",
        "Missbruk och andra beroenden, nykterhetsföreningar",
        "Substance and other addictions, temperance associations",
    ),
    ("multi-sector", "Monialajärjestöt", "Organisationer inom flera sektorer", "Multi-sector organisations"),
]

MUNICIPALITIES = [("092", "Vantaa", "Vanda", "Vantaa"), ("245", "Kerava", "Kervo", "Kerava")]

TARGET_GROUPS = [
    ("children-families", "Lapset ja perheet", "Barn och familjer", "Children and families"),
    ("young-people", "Nuoret", "Unga", "Young people"),
    ("older-people", "Ikääntyneet", "Äldre", "Older people"),
    ("disabled", "Vammaiset henkilöt", "Personer med funktionsnedsättning", "People with disabilities"),
    ("chronic-illness", "Pitkäaikaissairaat", "Långtidssjuka", "People with a long-term illness"),
    ("immigrants", "Maahan muuttaneet", "Invandrare", "Immigrants"),
    ("unemployed", "Työttömät", "Arbetslösa", "Unemployed people"),
    ("substance-users", "Päihteitä käyttävät", "Personer som använder rusmedel", "People who use substances"),
    ("carers", "Omaishoitajat", "Närståendevårdare", "Family carers"),
    ("everyone", "Kaikki asukkaat", "Alla invånare", "All residents"),
]

ACTIVITY_LANGUAGES = [
    ("fi", "suomi", "finska", "Finnish"),
    ("sv", "ruotsi", "svenska", "Swedish"),
    ("en", "englanti", "engelska", "English"),
    ("ru", "venäjä", "ryska", "Russian"),
    ("et", "viro", "estniska", "Estonian"),
    ("so", "somali", "somaliska", "Somali"),
    ("ar", "arabia", "arabiska", "Arabic"),
    ("fse", "suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"),
]

DEFAULT_PAGE_TEXTS = {
    "accessibility": {
        "body_fi": (
            "Vantaan ja Keravan hyvinvointialue pyrkii siihen, että neuvottelukunnan portaali on "
            "saavutettava digipalvelulain ja WCAG 2.1 -ohjeiston AA-tason mukaisesti.\n\n"
            "Portaalia testataan automaattisesti (axe-core) ja näppäimistöllä. Jos huomaat "
            "saavutettavuusongelman, kerro siitä alla olevalla lomakkeella. Vastaamme 14 päivän kuluessa.\n\n"
            "Jos et ole tyytyväinen vastaukseen, voit tehdä ilmoituksen valvontaviranomaiselle: "
            "Digitaalisen ja väestötietoviraston saavutettavuusvalvonta, www.saavutettavuusvaatimukset.fi."
        ),
        "body_sv": (
            "Vanda och Kervo välfärdsområde strävar efter att delegationens portal ska vara "
            "tillgänglig enligt lagen om digitala tjänster och nivå AA i WCAG 2.1.\n\n"
            "Portalen testas automatiskt (axe-core) och med tangentbord. Om du märker ett "
            "tillgänglighetsproblem, berätta om det med formuläret nedan. Vi svarar inom 14 dagar.\n\n"
            "Om du inte är nöjd med svaret kan du anmäla saken till tillsynsmyndigheten: "
            "Myndigheten för digitalisering och befolkningsdata, www.tillganglighetskrav.fi."
        ),
        "body_en": (
            "The Vantaa and Kerava wellbeing services county aims to make the council portal "
            "accessible under the Act on the Provision of Digital Services and WCAG 2.1 level AA.\n\n"
            "The portal is tested automatically (axe-core) and with the keyboard. If you notice an "
            "accessibility problem, tell us with the form below. We answer within 14 days.\n\n"
            "If you are not satisfied with the answer, you can notify the supervisory authority: "
            "the Digital and Population Data Services Agency, www.webaccessibility.fi."
        ),
    },
    "privacy": {
        "body_fi": (
            "Rekisterinpitäjä: Vantaan ja Keravan hyvinvointialue.\n\n"
            "Käsittelemme järjestöjen yhteyshenkilöiden ja neuvottelukunnan jäsenten nimeä, "
            "sähköpostiosoitetta, puhelinnumeroa ja roolia järjestössä neuvottelukunnan toiminnan "
            "järjestämiseksi. Emme kerää tietoa puoluekannasta.\n\n"
            "Ehdokasasettelun henkilötiedot poistetaan tai anonymisoidaan haun säilytysajan päätyttyä. "
            "Kirjautuneena voit lukea ja ladata kaikki sinusta tallennetut tiedot omalta sivultasi "
            "(JSON ja luettava sivu). Voit pyytää tietojesi oikaisua tai poistoa HYTE-tiimiltä: poisto "
            "kattaa käyttäjätilin, yhteyshenkilötiedot, ehdotukset, aihe-ehdotukset, kommentit, "
            "osallistumistiedot, käyttöselvitysten lähettäjätiedot ja raporttien vastaanottajatiedot. "
            "Nimet julkaistuissa pöytäkirjoissa ja lautakunnan päätöksissä säilyvät, koska ne ovat "
            "lain mukaan julkisia. Poistosta kirjataan ajankohta, tekijä ja peruste."
        ),
        "body_sv": (
            "Personuppgiftsansvarig: Vanda och Kervo välfärdsområde.\n\n"
            "Vi behandlar namn, e-postadress, telefonnummer och roll i organisationen för "
            "organisationernas kontaktpersoner och delegationens medlemmar för att ordna "
            "delegationens verksamhet. Vi samlar inte in uppgifter om partitillhörighet.\n\n"
            "Personuppgifterna i nomineringar raderas eller anonymiseras när ansökans lagringstid "
            "har gått ut. Inloggad kan du läsa och ladda ner alla uppgifter om dig på din egen sida "
            "(JSON och en läsbar sida). Du kan begära rättelse eller radering av HYTE-teamet: raderingen "
            "omfattar kontot, kontaktuppgifter, nomineringar, ämnesförslag, kommentarer, närvarouppgifter, "
            "avsändare av redovisningar och mottagare av rapporter. Namn i publicerade protokoll och i "
            "nämndens beslut finns kvar, eftersom de enligt lag är offentliga. Tidpunkt, utförare och "
            "grund för raderingen registreras."
        ),
        "body_en": (
            "Controller: the Vantaa and Kerava wellbeing services county.\n\n"
            "We process the name, email address, phone number and role in the organisation of NGO "
            "contact people and council members to run the council. We do not collect party "
            "affiliation.\n\n"
            "Personal data in nominations is erased or anonymised when the call's retention period "
            "ends. Signed in, you can read and download everything the portal holds about you on your "
            "own page (JSON and a readable page). You can ask the HYTE team to correct or erase your "
            "data: erasure covers the account, contact links, nominations, topic proposals, comments, "
            "attendance, senders of use reports and recipients of reports. Names in published minutes "
            "and in the board's decisions stay, as the law keeps them public. The time, the person "
            "who erased and the reason are recorded."
        ),
    },
}


def load_reference_data(get_model) -> None:
    """Create what is missing; never overwrite what staff have edited. Idempotent."""
    for model_name, rows in [
        ("PrhMainClass", PRH_MAIN_CLASSES),
        ("SeatCategory", SEAT_CATEGORIES),
        ("TargetGroup", TARGET_GROUPS),
    ]:
        model = get_model("membership", model_name)
        for order, (code, fi, sv, en) in enumerate(rows, start=1):
            defaults = {"name_fi": fi, "name_sv": sv, "name_en": en}
            if model_name != "TargetGroup":
                defaults["order"] = order
            if model_name == "SeatCategory" and code == "multi-sector":
                defaults["is_multi_sector"] = True
            model.objects.get_or_create(code=code, defaults=defaults)
    seat_category = get_model("membership", "SeatCategory")
    social = get_model("membership", "PrhMainClass").objects.get(code="social-health")
    seat_category.objects.filter(prh_class__isnull=True, is_multi_sector=False).update(prh_class=social)
    for model_name, rows in [("Municipality", MUNICIPALITIES), ("ActivityLanguage", ACTIVITY_LANGUAGES)]:
        model = get_model("membership", model_name)
        for code, fi, sv, en in rows:
            model.objects.get_or_create(code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en})
    site_page = get_model("membership", "SitePage")
    for slug, texts in DEFAULT_PAGE_TEXTS.items():
        site_page.objects.get_or_create(slug=slug, defaults=texts)
