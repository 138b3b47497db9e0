"""Real institutions and their cities, written as the countries write them, for the encoding tests.

Each country: its name in its own language and (institution, city) pairs of real universities and colleges.
The tests encode them in every code page that can hold them and check that the importer reads them back.
"""

from __future__ import annotations

CENTRAL = {
    "CZ": ("Česko", [
        ("České vysoké učení technické v Praze", "Praha"), ("Vysoké učení technické v Brně", "Brno"),
        ("Masarykova univerzita", "Brno"), ("Univerzita Karlova", "Praha"),
        ("Západočeská univerzita v Plzni", "Plzeň"), ("Technická univerzita v Liberci", "Liberec"),
        ("Vysoká škola báňská - Technická univerzita Ostrava", "Ostrava"),
        ("Univerzita Tomáše Bati ve Zlíně", "Zlín"),
        ("Jihočeská univerzita v Českých Budějovicích", "České Budějovice"),
        ("Univerzita Hradec Králové", "Hradec Králové"), ("Ostravská univerzita", "Ostrava"),
        ("Mendelova univerzita v Brně", "Brno"),
        ("Univerzita Jana Evangelisty Purkyně v Ústí nad Labem", "Ústí nad Labem"),
        ("Slezská univerzita v Opavě", "Opava"), ("Vysoká škola ekonomická v Praze", "Praha"),
        ("Univerzita Pardubice", "Pardubice"), ("Vysoká škola polytechnická Jihlava", "Jihlava"),
    ]),
    "SK": ("Slovensko", [
        ("Slovenská technická univerzita v Bratislave", "Bratislava"), ("Žilinská univerzita v Žiline", "Žilina"),
        ("Technická univerzita v Košiciach", "Košice"), ("Univerzita Komenského v Bratislave", "Bratislava"),
        ("Univerzita Pavla Jozefa Šafárika v Košiciach", "Košice"),
        ("Univerzita Konštantína Filozofa v Nitre", "Nitra"), ("Prešovská univerzita v Prešove", "Prešov"),
        ("Trnavská univerzita v Trnave", "Trnava"), ("Technická univerzita vo Zvolene", "Zvolen"),
        ("Univerzita Mateja Bela v Banskej Bystrici", "Banská Bystrica"),
        ("Slovenská poľnohospodárska univerzita v Nitre", "Nitra"),
        ("Trenčianska univerzita Alexandra Dubčeka v Trenčíne", "Trenčín"),
    ]),
    "PL": ("Polska", [
        ("Uniwersytet Jagielloński", "Kraków"), ("Politechnika Łódzka", "Łódź"), ("Uniwersytet Łódzki", "Łódź"),
        ("Politechnika Śląska", "Gliwice"), ("Uniwersytet Warszawski", "Warszawa"),
        ("Politechnika Wrocławska", "Wrocław"), ("Uniwersytet im. Adama Mickiewicza w Poznaniu", "Poznań"),
        ("Politechnika Gdańska", "Gdańsk"),
        ("Akademia Górniczo-Hutnicza im. Stanisława Staszica w Krakowie", "Kraków"),
        ("Uniwersytet Mikołaja Kopernika w Toruniu", "Toruń"), ("Politechnika Białostocka", "Białystok"),
        ("Uniwersytet Śląski w Katowicach", "Katowice"), ("Politechnika Częstochowska", "Częstochowa"),
        ("Uniwersytet Rzeszowski", "Rzeszów"), ("Uniwersytet Marii Curie-Skłodowskiej", "Lublin"),
        ("Zachodniopomorski Uniwersytet Technologiczny w Szczecinie", "Szczecin"),
        ("Państwowa Akademia Nauk Stosowanych w Elblągu", "Elbląg"),
    ]),
    "HU": ("Magyarország", [
        ("Budapesti Műszaki és Gazdaságtudományi Egyetem", "Budapest"), ("Szegedi Tudományegyetem", "Szeged"),
        ("Óbudai Egyetem", "Budapest"), ("Debreceni Egyetem", "Debrecen"), ("Pécsi Tudományegyetem", "Pécs"),
        ("Eötvös Loránd Tudományegyetem", "Budapest"), ("Széchenyi István Egyetem", "Győr"),
        ("Miskolci Egyetem", "Miskolc"), ("Nyíregyházi Egyetem", "Nyíregyháza"),
        ("Eszterházy Károly Katolikus Egyetem", "Eger"), ("Soproni Egyetem", "Sopron"),
        ("Neumann János Egyetem", "Kecskemét"), ("Pannon Egyetem", "Veszprém"),
        ("Magyar Agrár- és Élettudományi Egyetem", "Gödöllő"), ("Széchenyi István Egyetem", "Mosonmagyaróvár"),
    ]),
    "SI": ("Slovenija", [
        ("Univerza v Ljubljani", "Ljubljana"), ("Univerza v Mariboru", "Maribor"),
        ("Univerza na Primorskem", "Koper"), ("Univerza v Novi Gorici", "Nova Gorica"),
        ("Fakulteta za informacijske študije v Novem mestu", "Novo mesto"),
        ("Fakulteta za računalništvo in informatiko", "Ljubljana"), ("Šolski center Celje", "Celje"),
        ("Šolski center Nova Gorica", "Nova Gorica"), ("Fakulteta za družbene vede", "Ljubljana"),
        ("Visokošolski zavod Fizioterapevtika", "Ljubljana"), ("Fakulteta za zdravstvo Angele Boškin", "Jesenice"),
        ("Biotehniški center Naklo", "Strahinj"),
    ]),
    "HR": ("Hrvatska", [
        ("Sveučilište u Zagrebu", "Zagreb"), ("Sveučilište u Splitu", "Split"), ("Sveučilište u Rijeci", "Rijeka"),
        ("Sveučilište Josipa Jurja Strossmayera u Osijeku", "Osijek"), ("Sveučilište u Zadru", "Zadar"),
        ("Sveučilište Jurja Dobrile u Puli", "Pula"), ("Sveučilište u Dubrovniku", "Dubrovnik"),
        ("Veleučilište u Šibeniku", "Šibenik"), ("Fakultet elektrotehnike i računarstva", "Zagreb"),
        ("Međimursko veleučilište u Čakovcu", "Čakovec"), ("Veleučilište u Požegi", "Požega"),
        ("Veleučilište Velika Gorica", "Velika Gorica"), ("Sveučilište Sjever", "Koprivnica"),
    ]),
    "RO": ("România", [
        ("Universitatea Politehnica din Bucureşti", "Bucureşti"), ("Universitatea Babeş-Bolyai", "Cluj-Napoca"),
        ("Universitatea de Vest din Timişoara", "Timişoara"), ("Universitatea Tehnică din Cluj-Napoca", "Cluj-Napoca"),
        ("Universitatea Alexandru Ioan Cuza din Iaşi", "Iaşi"), ("Universitatea din Craiova", "Craiova"),
        ("Universitatea Transilvania din Braşov", "Braşov"), ("Universitatea Ştefan cel Mare din Suceava", "Suceava"),
        ("Universitatea Lucian Blaga din Sibiu", "Sibiu"), ("Academia de Studii Economice din Bucureşti", "Bucureşti"),
        ("Universitatea Ovidius din Constanţa", "Constanţa"),
        ("Universitatea de Ştiinţe Agricole şi Medicină Veterinară", "Cluj-Napoca"),
    ]),
}

WESTERN = {
    "DE": ("Deutschland", [
        ("Technische Universität München", "München"), ("Universität zu Köln", "Köln"),
        ("Hochschule Düsseldorf", "Düsseldorf"), ("Georg-August-Universität Göttingen", "Göttingen"),
        ("Julius-Maximilians-Universität Würzburg", "Würzburg"),
        ("Hochschule für Technik und Wirtschaft des Saarlandes", "Saarbrücken"),
        ("Technische Universität Dresden", "Dresden"), ("Universität zu Lübeck", "Lübeck"),
        ("Fachhochschule Münster", "Münster"), ("Eberhard Karls Universität Tübingen", "Tübingen"),
        ("Hochschule Osnabrück", "Osnabrück"), ("Justus-Liebig-Universität Gießen", "Gießen"),
    ]),
    "AT": ("Österreich", [
        ("Universität Wien", "Wien"), ("Technische Universität Graz", "Graz"),
        ("Fachhochschule Kärnten", "Villach"), ("Johannes Kepler Universität Linz", "Linz"),
        ("Universität für Bodenkultur Wien", "Wien"), ("Fachhochschule Oberösterreich", "Wels"),
    ]),
    "FR": ("France", [
        ("Université de Lille", "Lille"), ("École polytechnique", "Palaiseau"),
        ("Université Paris-Saclay", "Orsay"), ("École Centrale de Nantes", "Nantes"),
        ("Université Grenoble Alpes", "Grenoble"), ("Université Côte d'Azur", "Nice"),
        ("Université de Technologie de Compiègne", "Compiègne"),
        ("École normale supérieure de Lyon", "Lyon"), ("Université de Franche-Comté", "Besançon"),
        ("Université d'Évry", "Évry-Courcouronnes"), ("École nationale des ponts et chaussées", "Champs-sur-Marne"),
        ("Université de Lorraine", "Nancy"), ("Université de Haute-Alsace", "Mulhouse"),
    ]),
    "BE": ("Belgique", [
        ("Université de Liège", "Liège"), ("Université catholique de Louvain", "Louvain-la-Neuve"),
        ("Haute École Léonard de Vinci", "Bruxelles"), ("Université de Mons", "Mons"),
        ("Haute École de la Province de Liège", "Liège"), ("Université libre de Bruxelles", "Bruxelles"),
    ]),
    "ES": ("España", [
        ("Universidad de León", "León"), ("Universitat de València", "València"),
        ("Universidad Politécnica de Madrid", "Madrid"), ("Universidad de Cádiz", "Cádiz"),
        ("Universidad de Málaga", "Málaga"), ("Universitat Politècnica de Catalunya", "Barcelona"),
        ("Universidad Pública de Navarra", "Pamplona"), ("Universidad de Alcalá", "Alcalá de Henares"),
        ("Universidad de Córdoba", "Córdoba"), ("Universidad de Jaén", "Jaén"),
        ("Universitat Autònoma de Barcelona", "Bellaterra"), ("Universidad de La Rioja", "Logroño"),
        ("Universidade da Coruña", "A Coruña"),
    ]),
    "PT": ("Portugal", [
        ("Universidade do Porto", "Porto"), ("Instituto Politécnico de Bragança", "Bragança"),
        ("Universidade de Évora", "Évora"), ("Instituto Politécnico de Setúbal", "Setúbal"),
        ("Universidade da Beira Interior", "Covilhã"), ("Universidade do Minho", "Braga"),
    ]),
    "IT": ("Italia", [
        ("Università degli Studi di Padova", "Padova"), ("Politecnico di Milano", "Milano"),
        ("Alma Mater Studiorum - Università di Bologna", "Bologna"), ("Università Ca' Foscari Venezia", "Venezia"),
        ("Libera Università di Bolzano", "Bolzano"), ("Università degli Studi di Napoli Federico II", "Napoli"),
    ]),
    "DK": ("Danmark", [
        ("Københavns Universitet", "København"), ("Aarhus Universitet", "Aarhus"),
        ("Danmarks Tekniske Universitet", "Kongens Lyngby"), ("Professionshøjskolen Absalon", "Sorø"),
        ("Syddansk Universitet", "Odense"), ("Københavns Professionshøjskole", "København"),
    ]),
    "NO": ("Norge", [
        ("Norges teknisk-naturvitenskapelige universitet", "Trondheim"), ("Universitetet i Tromsø", "Tromsø"),
        ("Høgskulen på Vestlandet", "Bergen"), ("Universitetet i Sørøst-Norge", "Bø"),
        ("Høgskolen i Østfold", "Halden"), ("Nord universitet", "Bodø"),
    ]),
    "SE": ("Sverige", [
        ("Göteborgs universitet", "Göteborg"), ("Kungliga Tekniska högskolan", "Stockholm"),
        ("Linköpings universitet", "Linköping"), ("Malmö universitet", "Malmö"),
        ("Högskolan i Jönköping", "Jönköping"), ("Umeå universitet", "Umeå"),
        ("Mälardalens universitet", "Västerås"), ("Örebro universitet", "Örebro"),
        ("Luleå tekniska universitet", "Luleå"),
    ]),
    "FI": ("Suomi", [
        ("Hämeen ammattikorkeakoulu", "Hämeenlinna"), ("Jyväskylän yliopisto", "Jyväskylä"),
        ("Åbo Akademi", "Turku"), ("Tampereen yliopisto", "Tampere"),
        ("Seinäjoen ammattikorkeakoulu", "Seinäjoki"), ("Itä-Suomen yliopisto", "Joensuu"),
    ]),
    "IS": ("Ísland", [
        ("Háskóli Íslands", "Reykjavík"), ("Háskólinn á Akureyri", "Akureyri"),
        ("Háskólinn í Reykjavík", "Reykjavík"),
    ]),
}

# Which code pages each group is written in, by the systems and offices that write them.
CENTRAL_CODE_PAGES = ("cp1250", "iso8859_2", "cp852")
WESTERN_CODE_PAGES = ("cp1252", "iso8859_15", "mac_roman", "cp850")
