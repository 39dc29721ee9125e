//! The contact-details check of safety alerts (SPEC R6.4): before an alert is published, text
//! that looks like a phone number, an e-mail address or a street address draws the warning
//! "This text looks like it contains contact details. Remove them, or post as it is?". The
//! charter keeps real-world identity out of Tessera (charter 2.4): an alert names pseudonyms
//! only.
//!
//! The check runs on the server (a page's script may only pre-check). It leans toward warning:
//! a false alarm costs the poster one click ("post as it is"), a miss can publish someone's
//! phone number to a whole collective. It sees through the usual disguises: spaced or
//! separated digits, digits written as words (English and German), "name at domain dot com",
//! and street addresses in English and German forms.

use std::sync::LazyLock;

use regex::Regex;

/// What kind of contact detail the text seems to hold (for tests and logs of counts; the
/// warning itself is one sentence for every kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Email,
    Address,
    Web,
}

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file, proven by its tests; a typo fails every test.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("a constant pattern")
}

/// "(at)", "[at]", " at ", "ät" as the @ of an address.
static AT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s*[(\[{<]\s*(?:at|ät|@)\s*[)\]}>]\s*|\s+(?:at|ät)\s+|\s*@\s*"));
/// "(dot)", "[punkt]", " dot " as the dot of an address.
static DOT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s*[(\[{<]\s*(?:dot|punkt|\.)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+"));
/// A dot with spaces around it between two words ("gmail . com").
static SPACED_DOT: LazyLock<Regex> = LazyLock::new(|| re(r"(\w)\s*\.\s*(\w)"));
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"[\w.%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"));
static WEB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"https?://|www\.[a-z0-9\-]+\.|\b[a-z0-9\-]+\.(?:com|de|net|org|me|io|co|uk|at|ch|eu|info)(?:/|\b)",
    )
});

/// Digits written as words, English and German.
static DIGIT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(zero|oh|one|two|three|four|five|six|seven|eight|nine|null|eins|zwei|zwo|drei|vier|fünf|fuenf|sechs|sieben|acht|neun)\b",
    )
});
/// Dates and times, which are not phone numbers: 03.12.2026, 2026-12-03, 3/12/26, 21:15,
/// 10.30 uhr.
static DATES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}[.:]\d{2}\s*uhr\b",
    )
});
/// Seven or more digits, each separated from the next by at most three separators (spaces,
/// dashes, dots, slashes, brackets), optionally after "+" or "00": international and local
/// forms, and spaced-out digits.
static PHONE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:\+\s*)?\d(?:[\s\-./()]{0,3}\d){6,}"));
/// "12 Baker Street", "221b Baker St", "5 Queen's Road".
static ADDRESS_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,5}[a-z]?,?\s+(?:[a-z'\-]+\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|boulevard|blvd|terrace|crescent|square|sq|parkway|place|court|mews|gardens)\b",
    )
});
/// "Hauptstraße 5", "Hauptstr. 5a", "Berliner Straße 12", "Am Ring 3", "Lindenweg 7".
static ADDRESS_DE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:straße|strasse|str\.|weg|gasse|allee|platz|\bring|damm|ufer|chaussee|steig|pfad|markt)\s*\d{1,4}\s*[a-z]?\b",
    )
});

fn digit(word: &str) -> &'static str {
    match word {
        "zero" | "oh" | "null" => "0",
        "one" | "eins" => "1",
        "two" | "zwei" | "zwo" => "2",
        "three" | "drei" => "3",
        "four" | "vier" => "4",
        "five" | "fünf" | "fuenf" => "5",
        "six" | "sechs" => "6",
        "seven" | "sieben" => "7",
        "eight" | "acht" => "8",
        _ => "9",
    }
}

/// The first kind of contact detail the text seems to hold, if any (R6.4).
pub fn contact_details(text: &str) -> Option<ContactKind> {
    let lower = text.to_lowercase();

    let at = AT.replace_all(&lower, "@");
    let dotted = DOT.replace_all(&at, ".");
    let joined = SPACED_DOT.replace_all(&dotted, "$1.$2");
    if EMAIL.is_match(&joined) {
        return Some(ContactKind::Email);
    }
    // Not on `joined`: "He left. Me and her…" is two sentences, not a web address.
    if WEB.is_match(&dotted) {
        return Some(ContactKind::Web);
    }

    let digits = DIGIT_WORDS.replace_all(&lower, |c: &regex::Captures<'_>| digit(&c[1]));
    let undated = DATES.replace_all(&digits, " ");
    if PHONE.is_match(&undated) {
        return Some(ContactKind::Phone);
    }
    if ADDRESS_EN.is_match(&lower) || ADDRESS_DE.is_match(&lower) {
        return Some(ContactKind::Address);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(t: &str) -> Option<ContactKind> {
        contact_details(t)
    }

    #[test]
    fn r6_4_phone_numbers_in_international_local_and_disguised_forms() {
        for t in [
            "call him on +49 176 12345678",
            "his number 0176 1234567",
            "0049-30-1234567",
            "(030) 123 45 67",
            "+44 20 7946 0958",
            "555-123-4567",
            "0 1 7 6 1 2 3 4 5 6 7",
            "zero one seven six one two three four five six seven",
            "null eins sieben sechs eins zwei drei vier fünf",
            "017612345678",
        ] {
            assert_eq!(kind(t), Some(ContactKind::Phone), "{t}");
        }
    }

    #[test]
    fn r6_4_email_addresses_and_their_disguises() {
        for t in [
            "write to john.doe@example.com",
            "john at example dot com",
            "john (at) example (dot) com",
            "john[at]example[dot]de",
            "john @ example . org",
            "JOHN AT GMAIL DOT COM",
            "hans ät web punkt de",
        ] {
            assert_eq!(kind(t), Some(ContactKind::Email), "{t}");
        }
        assert_eq!(kind("see www.example.com"), Some(ContactKind::Web));
        assert_eq!(kind("his site example.de/about"), Some(ContactKind::Web));
    }

    #[test]
    fn r6_4_street_addresses_in_english_and_german() {
        for t in [
            "he lives at 12 Baker Street",
            "221b Baker St, second floor",
            "meet at 5 Queen's Road",
            "Hauptstraße 5",
            "Hauptstr. 5a, Hinterhaus",
            "Berliner Strasse 12",
            "Am Ring 3",
            "Lindenweg 7",
        ] {
            assert_eq!(kind(t), Some(ContactKind::Address), "{t}");
        }
    }

    #[test]
    fn r6_4_ordinary_alert_texts_draw_no_warning() {
        for t in [
            "",
            "Refused to use protection, became aggressive when I said no.",
            "Paid 200 instead of 300 and left.",
            "Booked for 21:15 on 03.12.2026, never showed.",
            "Came on 2026-12-03 at 10.30 Uhr, was two hours late.",
            "Hat nicht bezahlt und wurde laut. Vorsicht!",
            "He was at the hotel bar at 9, then at the door at 10.",
            "one guy, two phones, three names",
            "Er kam um acht und ging um neun.",
            "He left. Me and her stayed.",
            "It went wrong during 3 hours; bring 2 friends.",
        ] {
            assert_eq!(kind(t), None, "{t}");
        }
    }
}
