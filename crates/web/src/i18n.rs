//! Languages (SPEC R10.4): English and German Fluent catalogues, chosen by the account's setting
//! or the browser's `Accept-Language`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would end up in attribute values and test expectations.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().get(..2) {
            Some("en") => Some(Lang::En),
            Some("de") => Some(Lang::De),
            _ => None,
        }
    }

    /// The first supported language in an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(l) = Lang::parse(tag) {
                if best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, l));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// A decimal number with `digits` decimals, in this language's notation (0.85 / 0,85).
    pub fn decimal(self, x: f64, digits: usize) -> String {
        let s = format!("{x:.digits$}");
        match self {
            Lang::En => s,
            Lang::De => s.replace('.', ","),
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::De => fluent_templates::langid!("de"),
        }
    }

    /// The message for `key`.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(&self.id(), key)
    }

    /// The message for `key` with named arguments.
    pub fn ta(self, key: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            // Whole numbers go in as numbers, so plural forms ([one], [other]) select.
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.clone()),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r10_4_accept_language_picks_the_best_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Lang::De
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.5, de;q=0.7"),
            Lang::De
        );
        assert_eq!(Lang::from_accept_language("fr"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
    fn r10_4_plural_forms_and_decimal_notation() {
        assert_eq!(
            Lang::En.ta("dash-unused-codes", &[("count", "1".into())]),
            "1 unused rating code generated"
        );
        assert_eq!(
            Lang::En.ta("dash-unused-codes", &[("count", "2".into())]),
            "2 unused rating codes generated"
        );
        assert_eq!(
            Lang::De.ta("codes-invalidated", &[("n", "1".into())]),
            "1 unbenutzter Code wurde entwertet."
        );
        assert_eq!(Lang::De.decimal(0.8546, 2), "0,85");
        assert_eq!(Lang::En.decimal(4.66, 1), "4.7");
    }

    #[test]
    fn r10_4_every_english_message_has_a_german_one() {
        // One catalogue file per area and language; the loader reads every `.ftl` file of the
        // language's folder, so a key may sit in any of them, but each file exists in both.
        macro_rules! catalogue {
            ($lang:literal) => {
                [
                    include_str!(concat!("../locales/", $lang, "/common.ftl")),
                    include_str!(concat!("../locales/", $lang, "/errors.ftl")),
                    include_str!(concat!("../locales/", $lang, "/auth.ftl")),
                    include_str!(concat!("../locales/", $lang, "/accounts.ftl")),
                    include_str!(concat!("../locales/", $lang, "/screening.ftl")),
                    include_str!(concat!("../locales/", $lang, "/coops.ftl")),
                    include_str!(concat!("../locales/", $lang, "/safety.ftl")),
                    include_str!(concat!("../locales/", $lang, "/network.ftl")),
                    include_str!(concat!("../locales/", $lang, "/alerts.ftl")),
                    include_str!(concat!("../locales/", $lang, "/governance.ftl")),
                ]
                .join("\n")
            };
        }
        let (en, de) = (catalogue!("en"), catalogue!("de"));
        let (en, de) = (en.as_str(), de.as_str());
        let keys = |s: &str| -> std::collections::BTreeSet<String> {
            s.lines()
                .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next().map(|k| k.trim().to_owned()))
                .collect()
        };
        let (ke, kd) = (keys(en), keys(de));
        let missing: Vec<_> = ke.difference(&kd).collect();
        let extra: Vec<_> = kd.difference(&ke).collect();
        assert!(missing.is_empty(), "German catalogue lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "German catalogue has unknown keys {extra:?}"
        );
        assert_ne!(Lang::De.t("home-title"), Lang::En.t("home-title"));
        // Every area's file is loaded, not only the first.
        assert_eq!(Lang::En.t("login-title"), "Log in");
        assert_eq!(Lang::En.t("settings-title"), "Settings");
        assert_eq!(Lang::En.t("lookup-title"), "Look up a buyer");
    }
}
