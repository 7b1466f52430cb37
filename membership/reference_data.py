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
    # The content the Act on the Provision of Digital Services (306/2019, § 15) asks of a statement.
    "accessibility": {
        "body_fi": (
            "Tämä saavutettavuusseloste koskee Vantaan ja Keravan hyvinvointialueen "
            "järjestöyhteistyön neuvottelukunnan portaalia. Vaatimukset: digipalvelulaki (306/2019) "
            "ja WCAG 2.1 -ohjeiston A- ja AA-taso.\n\n"
            "Vaatimustenmukaisuus\n"
            "Portaali täyttää saavutettavuusvaatimukset osittain. Poikkeamat on lueteltu alla.\n\n"
            "Sisältö, joka ei ole saavutettavaa\n"
            "- PDF-asiakirjat (esityslistat, pöytäkirjat ja raportit): sivunvaihdon yli jatkuva taulukko "
            "on rakenteessa kaksi erillistä taulukkoa, koska PDF-kirjasto katkaisee rakenteen sivun "
            "kohdalla (WCAG 1.3.1). Samat tiedot ovat saavutettavina verkkosivuina portaalissa.\n"
            "- Käyttäjien lataamat liitteet (esimerkiksi esityslistojen liitteet ja nimeämisten liitteet) "
            "eivät välttämättä ole saavutettavia. Ne ovat kolmansien osapuolten tuottamaa sisältöä, "
            "jota hyvinvointialue ei tuota eikä valvo (digipalvelulain 3 §).\n\n"
            "Miten saavutettavuus on arvioitu\n"
            "Seloste on laadittu 1.12.2026 omana arviona. Jokaisen muutoksen yhteydessä automaattinen "
            "testi avaa portaalin jokaisen sivun jokaisella käyttäjäroolilla suomeksi, ruotsiksi ja "
            "englanniksi ja tarkistaa ne axe-core-työkalulla (WCAG 2.1 A ja AA sekä 2.2 AA), 320 pikselin "
            "leveydellä (ei vaakavieritystä) ja Nu Html Checker -validaattorilla. Nimeämislomake, "
            "kokoonpanotaulu ja esityslistan järjestäminen testataan pelkällä näppäimistöllä. "
            "PDF-asiakirjojen rakenne (kieli, otsikot, taulukoiden otsakkeet) tarkistetaan "
            "automaattisesti.\n"
            "Tulokset 2.12.2026: testi avasi 1 035 sivua (151 osoitetta, 6 käyttäjäroolia, 3 kieltä). "
            "axe-core ei löytänyt yhtään poikkeamaa, mikään sivu ei vierinyt vaakasuunnassa 320 pikselin "
            "leveydellä, eikä Nu Html Checker löytänyt virheitä (htmx-attribuutteja lukuun ottamatta). "
            "Automaattiset testit eivät löydä kaikkia ongelmia, joten palautteesi on tärkeää.\n\n"
            "Palaute\n"
            "Jos huomaat saavutettavuusongelman, kerro siitä alla olevalla lomakkeella. Vastaamme 14 päivän "
            "kuluessa.\n\n"
            "Valvontaviranomainen\n"
            "Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
            "ilmoituksen valvontaviranomaiselle: Liikenne- ja viestintävirasto Traficom, "
            "saavutettavuusvalvonta, www.saavutettavuusvaatimukset.fi, sähköposti "
            "saavutettavuus@traficom.fi, puhelin (vaihde) 029 534 5000."
        ),
        "body_sv": (
            "Detta tillgänglighetsutlåtande gäller portalen för Vanda och Kervo välfärdsområdes "
            "delegation för organisationssamarbete. Krav: lagen om tillhandahållande av digitala "
            "tjänster (306/2019) och nivå A och AA i WCAG 2.1.\n\n"
            "Överensstämmelse med kraven\n"
            "Portalen uppfyller tillgänglighetskraven delvis. Avvikelserna räknas upp nedan.\n\n"
            "Innehåll som inte är tillgängligt\n"
            "- PDF-dokument (föredragningslistor, protokoll och rapporter): en tabell som fortsätter över "
            "en sidbrytning är i strukturen två separata tabeller, eftersom PDF-biblioteket bryter "
            "strukturen vid sidan (WCAG 1.3.1). Samma uppgifter finns som tillgängliga webbsidor "
            "i portalen.\n"
            "- Bilagor som användare laddar upp (till exempel bilagor till föredragningslistor och "
            "nomineringar) är inte nödvändigtvis tillgängliga. De är innehåll från tredje part som "
            "välfärdsområdet varken producerar eller kontrollerar (3 § i lagen).\n\n"
            "Hur tillgängligheten har bedömts\n"
            "Utlåtandet har utarbetats 1.12.2026 som en egen bedömning. Vid varje ändring öppnar ett "
            "automatiskt test varje sida i portalen med varje användarroll på finska, svenska och "
            "engelska och kontrollerar dem med axe-core (WCAG 2.1 A och AA samt 2.2 AA), i 320 pixlars "
            "bredd (ingen vågrät rullning) och med Nu Html Checker. Nomineringsformuläret, "
            "sammansättningstavlan och ordningen på föredragningslistan testas med enbart tangentbord. "
            "PDF-dokumentens struktur (språk, rubriker, tabellrubriker) kontrolleras automatiskt.\n"
            "Resultat 2.12.2026: testet öppnade 1 035 sidor (151 adresser, 6 användarroller, 3 språk). "
            "axe-core hittade inga avvikelser, ingen sida rullade vågrätt i 320 pixlars bredd och Nu Html "
            "Checker hittade inga fel (htmx-attributen undantagna). Automatiska test hittar inte alla "
            "problem, så din respons är viktig.\n\n"
            "Respons\n"
            "Om du märker ett tillgänglighetsproblem, berätta om det med formuläret nedan. Vi svarar "
            "inom 14 dagar.\n\n"
            "Tillsynsmyndighet\n"
            "Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du anmäla "
            "saken till tillsynsmyndigheten: Transport- och kommunikationsverket Traficom, "
            "tillgänglighetstillsynen, www.tillganglighetskrav.fi, e-post saavutettavuus@traficom.fi, "
            "telefon (växel) 029 534 5000."
        ),
        "body_en": (
            "This accessibility statement covers the portal of the NGO cooperation council of the "
            "Vantaa and Kerava wellbeing services county. Requirements: the Act on the Provision of "
            "Digital Services (306/2019) and WCAG 2.1 levels A and AA.\n\n"
            "Compliance status\n"
            "The portal partially meets the accessibility requirements. The exceptions are listed below.\n\n"
            "Content that is not accessible\n"
            "- PDF documents (agendas, minutes and reports): a table that continues over a page break "
            "is two separate tables in the structure, because the PDF library splits the structure at "
            "the page (WCAG 1.3.1). The same information is in the portal as accessible web pages.\n"
            "- Attachments uploaded by users (for example agenda and nomination attachments) may not be "
            "accessible. They are third-party content that the county neither produces nor controls "
            "(section 3 of the Act).\n\n"
            "How accessibility was assessed\n"
            "This statement was prepared on 1 December 2026 as a self-assessment. On every change an "
            "automated test opens every page of the portal with every user role in Finnish, Swedish and "
            "English and checks it with axe-core (WCAG 2.1 A and AA and 2.2 AA), at 320 pixels wide (no "
            "sideways scrolling) and with the Nu Html Checker. The nomination form, the composition board "
            "and the agenda order are tested with the keyboard alone. The structure of the PDF documents "
            "(language, headings, table headers) is checked automatically.\n"
            "Results on 2 December 2026: the test opened 1,035 pages (151 addresses, 6 user roles, "
            "3 languages). axe-core found no violations, no page scrolled sideways at 320 pixels and the "
            "Nu Html Checker found no errors (htmx attributes aside). Automated tests do not find every "
            "problem, so your feedback matters.\n\n"
            "Feedback\n"
            "If you notice an accessibility problem, tell us with the form below. "
            "We answer within 14 days.\n\n"
            "Supervisory authority\n"
            "If you are not satisfied with the answer or get no answer within two weeks, you can notify "
            "the supervisory authority: the Finnish Transport and Communications Agency Traficom, "
            "accessibility supervision, www.webaccessibility.fi, email saavutettavuus@traficom.fi, "
            "telephone (switchboard) +358 29 534 5000."
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
