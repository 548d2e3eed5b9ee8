//! The speaker step's word lists, and the two tables made of them: what a word near a
//! quote is (its class bits), and the reporting phrases by their first word.
//!
//! N.B. Shared with build.rs, which makes both tables at build time (`speaker_tables.rs`
//! in OUT_DIR, included by `speakers`): made at run time on first use, they cost 1.6 M
//! instructions, a third of the analysis of a 10 KB article and of a short one's run.

use std::collections::BTreeMap;

/// What a reporting word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A verb whose subject is the speaker.
    Verb {
        /// "adding", "saying": has no subject of its own after a comma.
        participle: bool,
        /// "told", "briefed": the word after it is the one addressed, not the speaker.
        addressee: bool,
    },
    /// "according to": the speaker comes after it.
    Source,
    /// "quoted", "citing": a verb whose object is the speaker ("Reuters quoted Peskov
    /// as saying", "according to Yonhap, quoting KCNA").
    Object,
}

/// Auxiliaries and adverbs that may stand between a subject and its reporting verb
/// ("Peskov had previously affirmed", "He also stressed").
pub const BETWEEN: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "also",
    "then",
    "later",
    "again",
    "once",
    "further",
    "earlier",
    "already",
    "still",
    "not",
    "never",
    "just",
    "since",
    "first",
    "last",
    "now",
    "today",
    "yesterday",
    "too",
    "even",
    "been",
    "often",
];

/// Nouns for what an actor issued ("the Kremlin statement indicated", "Cornyn's
/// statement added"): the actor before them is the speaker.
pub const DOCUMENTS: &[&str] = &[
    "statement",
    "statements",
    "remarks",
    "report",
    "release",
    "communique",
    "letter",
    "message",
    "post",
    "tweet",
    "website",
    "account",
    "announcement",
    "memo",
    "note",
    "editorial",
    "spokesperson's",
    "blog",
];

/// Words before a base form that make it a noun ("a call", "the report").
pub const DETERMINERS: &[&str] =
    &["a", "an", "the", "his", "her", "its", "their", "this", "that", "our", "my", "your"];

/// Roles that name a person ("the spokesman", "the president").
pub const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "official",
    "prosecutor",
    "ambassador",
    "envoy",
    "representative",
    "director",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "senator",
    "general",
    "commander",
    "leader",
    "king",
    "queen",
    "pope",
    "ceo",
    "founder",
    "lawyer",
    "attorney",
    "judge",
    "professor",
    "coach",
    "manager",
    "delegate",
    "diplomat",
    "head",
    "editor",
    "author",
    "researcher",
    "scientist",
    "economist",
    "councillor",
    "councilor",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "deputy",
    "undersecretary",
    "administrator",
    "commissioner",
    "inspector",
    "officer",
    "captain",
    "sheriff",
    "executive",
    "prince",
    "princess",
    "emir",
    "sheikh",
    "cardinal",
    "bishop",
    "priest",
    "imam",
    "rabbi",
    "actor",
    "actress",
    "singer",
    "player",
    "striker",
    "father",
    "mother",
    "activist",
    "homeopath",
    "doctor",
    "detective",
];

/// Roles that name a place ("the city reasoned").
pub const PLACE_ROLES: &[&str] = &[
    "city", "town", "country", "state", "nation", "capital", "region", "province", "village",
    "island", "republic", "kingdom",
];

/// Roles that name an organization ("the company said").
pub const ORG_ROLES: &[&str] = &[
    "company",
    "firm",
    "government",
    "ministry",
    "department",
    "agency",
    "group",
    "organization",
    "organisation",
    "party",
    "council",
    "court",
    "union",
    "committee",
    "commission",
    "police",
    "army",
    "military",
    "network",
    "newspaper",
    "paper",
    "broadcaster",
    "office",
    "authority",
    "bank",
    "club",
    "team",
    "university",
    "school",
    "church",
    "administration",
    "board",
    "institute",
    "foundation",
    "association",
    "federation",
    "movement",
    "campaign",
    "coalition",
    "alliance",
    "embassy",
    "parliament",
    "senate",
    "congress",
    "regime",
    "municipality",
    "daily",
    "outlet",
    "magazine",
    "kremlin",
    "prosecution",
    "defence",
    "defense",
    "cabinet",
    "palace",
    "junta",
    "militia",
    "airline",
    "startup",
    "manufacturer",
    "carrier",
    "operator",
    "retailer",
    "insurer",
    "channel",
];

/// Role words of [`ORG_ROLES`] that name one kind of body under several words: "the
/// paper" may be the "Daily Mail", "the company" the "Acme Manufacturer".
pub const ORG_FAMILIES: &[&[&str]] = &[
    &["newspaper", "paper", "daily", "outlet", "magazine", "broadcaster", "network", "channel"],
    &[
        "company",
        "firm",
        "manufacturer",
        "retailer",
        "insurer",
        "airline",
        "carrier",
        "operator",
        "startup",
    ],
    &["government", "administration", "cabinet", "regime", "junta", "kremlin", "palace"],
    &["ministry", "department", "office"],
    &["army", "military", "militia"],
    &["defence", "defense", "prosecution"],
    &["parliament", "senate", "congress"],
    &["council", "municipality"],
    &["club", "team"],
    &["union", "association", "federation"],
];

/// Role words of [`ORG_ROLES`] for a place's public bodies, which speak for the place
/// named before them ("the Moscow government", "Kyiv police"), where "the Paris daily"
/// or "a Frankfurt bank" is a body in the place, not the place.
pub const STATE_BODIES: &[&str] = &[
    "government",
    "administration",
    "cabinet",
    "regime",
    "junta",
    "kremlin",
    "palace",
    "parliament",
    "senate",
    "congress",
    "ministry",
    "department",
    "office",
    "army",
    "military",
    "militia",
    "council",
    "municipality",
    "authority",
    "police",
    "embassy",
    "prosecution",
    "court",
    "committee",
    "commission",
];

/// Role words of [`ORG_ROLES`] that fit any body: "the group" may be a company, a
/// party or a militia.
pub const GENERIC_ORGS: &[&str] = &["group", "organization", "organisation"];

/// Subjects that are several actors, not one: no single speaker.
pub const GROUPS: &[&str] = &[
    "officials",
    "sides",
    "parties",
    "analysts",
    "experts",
    "critics",
    "observers",
    "residents",
    "witnesses",
    "sources",
    "people",
    "protesters",
    "protestors",
    "authorities",
    "leaders",
    "both",
    "others",
    "many",
    "some",
    "members",
    "lawmakers",
    "investigators",
    "diplomats",
    "activists",
    "scientists",
    "researchers",
    "doctors",
    "countries",
    "nations",
    "governments",
    "ministers",
    "delegates",
    "organizers",
    "organisers",
    "students",
    "workers",
    "families",
    "parents",
    "men",
    "women",
    "fans",
    "supporters",
    "opponents",
    "everyone",
    "all",
    "two",
    "three",
    "each",
    "neither",
    "either",
    "we",
];

/// Honorifics that tell a person's gender ("Mr. Tedeschi").
pub const MALE_TITLES: &[&str] = &["mr", "sir", "king", "prince", "lord", "father", "brother"];
pub const FEMALE_TITLES: &[&str] =
    &["mrs", "ms", "miss", "madam", "lady", "queen", "princess", "dame", "sister", "mother"];

/// Given names that are a woman's or a man's, as the only sign of a gender for someone
/// the article never calls Mrs. or he: read before an intervening name of the other
/// gender ("Helen Carter said … James Porter declined … "…," she said"). A name that is
/// either (Jo, Kim, Andrea, Jean) is in neither list.
pub const FEMALE_NAMES: &str = include_str!("../../assets/lexicon/given_names_female.txt");
pub const MALE_NAMES: &str = include_str!("../../assets/lexicon/given_names_male.txt");

/// The names of one of those lists, its `#` comments left out.
pub fn names_in(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(str::split_whitespace)
}

/// What a word near a quote is, as bits: every list above, the cue table's first words
/// and the few small closed classes the rules test, so one hash lookup per token answers
/// every question a rule asks of it.
pub mod class {
    pub const KNOWN: u32 = 1 << 0;
    pub const WORD: u32 = 1 << 1;
    pub const IN_QUOTE: u32 = 1 << 2;
    pub const BETWEEN: u32 = 1 << 3;
    pub const DOCUMENT: u32 = 1 << 4;
    pub const DETERMINER: u32 = 1 << 5;
    pub const PERSON_ROLE: u32 = 1 << 6;
    pub const PLACE_ROLE: u32 = 1 << 7;
    pub const ORG_ROLE: u32 = 1 << 8;
    pub const GROUP: u32 = 1 << 9;
    pub const MALE_TITLE: u32 = 1 << 10;
    pub const FEMALE_TITLE: u32 = 1 << 11;
    /// The first word of a reporting phrase.
    pub const CUE: u32 = 1 << 12;
    /// "and", "but", "or", "then", "while": a coordinated verb keeps the subject before.
    pub const CONJUNCTION: u32 = 1 << 13;
    /// "was", "been", …: before a verb, a passive, whose subject is not the speaker.
    pub const PASSIVE: u32 = 1 << 14;
    /// "who", "which".
    pub const RELATIVE: u32 = 1 << 15;
    /// "both", "two".
    pub const DUAL: u32 = 1 << 16;
    pub const HE: u32 = 1 << 17;
    pub const SHE: u32 = 1 << 18;
    pub const IT: u32 = 1 << 19;
    pub const THEY: u32 = 1 << 20;
    /// he, him, his, himself: a vote for a man.
    pub const MASCULINE: u32 = 1 << 21;
    /// she, her, hers, herself: a vote for a woman.
    pub const FEMININE: u32 = 1 << 22;
    /// An adverb in -ly ("previously"), which may stand between a subject and its verb.
    pub const ADVERB: u32 = 1 << 23;
    /// A man's or a woman's given name.
    pub const MALE_NAME: u32 = 1 << 24;
    pub const FEMALE_NAME: u32 = 1 << 25;
    pub const ROLE: u32 = PERSON_ROLE | PLACE_ROLE | ORG_ROLE;
}

/// The reporting phrases of a list written as assets/lexicon/reporting_verbs.txt, by
/// first word (in order), each word's phrases longest first, so "pointed out" wins over
/// a shorter match (in the list's order among phrases as long).
pub fn parse_cue_phrases(list: &str) -> BTreeMap<&str, Vec<(Vec<&str>, CueKind)>> {
    let mut by_first: BTreeMap<&str, Vec<(Vec<&str>, CueKind)>> = BTreeMap::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (forms, source, addressee) = if let Some(rest) = line.strip_prefix("source:") {
            (rest, Some(CueKind::Source), false)
        } else if let Some(rest) = line.strip_prefix("object:") {
            (rest, Some(CueKind::Object), false)
        } else if let Some(rest) = line.strip_prefix('!') {
            (rest, None, true)
        } else {
            (line, None, false)
        };
        for form in forms.split(',') {
            let words: Vec<&str> = form.split_whitespace().collect();
            let Some(&first) = words.first() else { continue };
            let kind = source.unwrap_or_else(|| {
                let participle = first.ends_with("ing");
                CueKind::Verb { participle, addressee }
            });
            by_first.entry(first).or_default().push((words, kind));
        }
    }
    for phrases in by_first.values_mut() {
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    by_first
}

/// Every listed word, in lower case, with its class bits: the lists above, the small
/// closed classes, the given names, and `cue_firsts` (the reporting phrases' first
/// words) as [`class::CUE`].
pub fn word_classes<'a>(cue_firsts: impl Iterator<Item = &'a str>) -> BTreeMap<String, u32> {
    let mut table: BTreeMap<String, u32> = BTreeMap::new();
    let mut add = |w: &str, bits: u32| *table.entry(w.to_ascii_lowercase()).or_default() |= bits;
    let lists: [(&[&str], u32); 19] = [
        (BETWEEN, class::BETWEEN),
        (DOCUMENTS, class::DOCUMENT),
        (DETERMINERS, class::DETERMINER),
        (PERSON_ROLES, class::PERSON_ROLE),
        (PLACE_ROLES, class::PLACE_ROLE),
        (ORG_ROLES, class::ORG_ROLE),
        (GROUPS, class::GROUP),
        (MALE_TITLES, class::MALE_TITLE),
        (FEMALE_TITLES, class::FEMALE_TITLE),
        (&["and", "but", "or", "then", "while"], class::CONJUNCTION),
        (&["was", "were", "been", "being", "be", "is", "are"], class::PASSIVE),
        (&["who", "which"], class::RELATIVE),
        (&["both", "two"], class::DUAL),
        (&["he"], class::HE),
        (&["she"], class::SHE),
        (&["it"], class::IT),
        (&["they"], class::THEY),
        (&["he", "him", "his", "himself"], class::MASCULINE),
        (&["she", "her", "hers", "herself"], class::FEMININE),
    ];
    for (list, bits) in lists {
        for w in list {
            add(w, bits);
        }
    }
    for w in cue_firsts {
        add(w, class::CUE);
    }
    for (names, bits) in [(MALE_NAMES, class::MALE_NAME), (FEMALE_NAMES, class::FEMALE_NAME)] {
        for name in names_in(names) {
            add(name, bits);
        }
    }
    table
}
