//! The members of a simulated collective and the population they are drawn from.

use rand::distributions::Distribution;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{LogNormal, WeightedAliasIndex};
use tessera_core::prefs::{Preferences, Preset};
use tessera_core::reputation::{FlagCounts, Reputation};

use crate::config::Population;

/// "No seller" in a buyer's memory of whom he met last.
pub const NOBODY: u32 = u32::MAX;

/// What a buyer does beyond his per-meeting chances of harm and unreliability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Honest,
    /// Rates 0 every seller he harmed whenever he holds her code (14.1).
    Retaliator,
    /// Threatens the seller when he harms her (14.2).
    Coercer,
    /// A new account made to meet `target` once and rate her 0 on `rate_day` (14.3).
    Brigader {
        target: u32,
        rate_day: u16,
    },
    /// An account that never meets anyone; it rates the seller who gave it a code (14.4).
    Fake,
    /// Gives sellers who do not ask for a screening code `victim`'s pseudonym (R4.11).
    Impersonator {
        victim: u32,
    },
    /// An honest buyer some sellers flag unsafe without meeting him (14.5).
    CollusionTarget {
        group: u8,
    },
}

#[derive(Debug, Clone)]
pub struct Buyer {
    pub role: Role,
    /// Index into the configured harm probabilities, for dangerous buyers.
    pub danger: Option<u8>,
    pub p_harm: f32,
    pub p_unreliable: f32,
    /// The day his account was made; the honest collective's accounts predate the run.
    pub created: i32,
    pub safe: FlagCounts,
    pub reliable: FlagCounts,
    /// Zeros on his record he did not earn: a careless rater's, a colluder's, or an
    /// impersonator's harm rated under his pseudonym.
    pub unearned_safe: u64,
    pub unearned_reliable: u64,
    /// The seller and day of the last rating on his record (R4.2: one per seller and day).
    pub last_rated: (u32, u16),
    /// Ratings on his record (the lookup's interaction count).
    pub ratings: u64,
    /// His record as every lookup computes it (SPEC §3), kept current after each rating.
    pub rep: Reputation,
    pub meetings: u32,
    pub harms: u32,
    pub first_meeting: Option<u16>,
    /// Set by the first unsafe flag on his record.
    pub reported: bool,
    pub meetings_after_report: u32,
    pub harms_after_report: u32,
    /// Per preset (cautious, moderate, open): (his meetings, days since his first meeting)
    /// when his record first missed it on trust or unsafe flags.
    pub fell: [Option<(u32, u16)>; 3],
    /// Whether that first decline was on trust (the score), not on the unsafe count alone.
    pub fell_on_trust: [bool; 3],
    pub last_seller: u32,
    pub last_met_on: u16,
    /// Days on which no seller he asked would meet him.
    pub turned_away: u32,
    pub new_accounts: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SellerRole {
    Honest,
    Colluder {
        group: u8,
    },
    /// Hands codes to fake accounts; `boost`: and rates them safe and reliable first.
    Sybil {
        boost: bool,
    },
}

/// Why a rating reached a seller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Honest,
    Retaliation,
    Coerced,
    Brigade,
    Fake,
}

/// One buyer rating of a seller (R3.5).
#[derive(Debug, Clone, Copy)]
pub struct Received {
    pub buyer: u32,
    pub x: f32,
    pub day: u16,
    pub tag: Tag,
}

/// How a seller screens (R4.6): a preset, the welcoming preferences, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Preset(Preset),
    Welcoming,
    Anyone,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Preset(Preset::Cautious),
        Screen::Preset(Preset::Moderate),
        Screen::Preset(Preset::Open),
        Screen::Welcoming,
        Screen::Anyone,
    ];

    pub fn index(self) -> usize {
        match self {
            Screen::Preset(Preset::Cautious) => 0,
            Screen::Preset(Preset::Moderate) => 1,
            Screen::Preset(Preset::Open) => 2,
            Screen::Welcoming => 3,
            Screen::Anyone => 4,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Screen::Preset(p) => p.as_str(),
            Screen::Welcoming => "welcoming",
            Screen::Anyone => "anyone",
        }
    }

    /// The preferences she screens with, as she would set them in her settings (R2.12).
    pub fn preferences(self) -> Option<Preferences> {
        match self {
            Screen::Preset(p) => Some(p.preferences()),
            Screen::Welcoming => Some(Preferences {
                unknown_is_below: false,
                min_ratings: None,
                ..Preset::Open.preferences()
            }),
            Screen::Anyone => None,
        }
    }

    /// Whether she meets a buyer with no record yet.
    pub fn meets_new_buyers(self) -> bool {
        matches!(self, Screen::Welcoming | Screen::Anyone)
    }
}

#[derive(Debug, Clone)]
pub struct Seller {
    pub screen: Screen,
    pub careless: bool,
    pub requires_code: bool,
    pub role: SellerRole,
    /// Her listings are poor: honest ratings of her are lower (the Sybil sellers).
    pub poor: bool,
    pub received: Vec<Received>,
    /// Days on which her codes that were never redeemed expire.
    pub unused_expiry: Vec<u16>,
}

/// Weights as in the benchmark generator: log-normal, capped at `cap` times the mean, a share
/// set to zero.
pub fn weights(rng: &mut ChaCha8Rng, n: u32, sigma: f64, cap: f64, zero_share: f64) -> Vec<f64> {
    let Ok(dist) = LogNormal::new(0.0, sigma) else {
        return vec![1.0; n as usize];
    };
    let mut w: Vec<f64> = (0..n)
        .map(|_| {
            let v = dist.sample(rng);
            if rng.gen::<f64>() < zero_share {
                0.0
            } else {
                v
            }
        })
        .collect();
    let mean = w.iter().sum::<f64>() / f64::from(n.max(1));
    for v in &mut w {
        *v = v.min(cap * mean);
    }
    if w.iter().all(|v| *v == 0.0) {
        w[0] = 1.0;
    }
    w
}

pub fn fresh_buyer(
    role: Role,
    p_harm: f32,
    p_unreliable: f32,
    created: i32,
    rep: Reputation,
) -> Buyer {
    Buyer {
        role,
        danger: None,
        p_harm,
        p_unreliable,
        created,
        safe: FlagCounts::default(),
        reliable: FlagCounts::default(),
        unearned_safe: 0,
        unearned_reliable: 0,
        last_rated: (NOBODY, 0),
        ratings: 0,
        rep,
        meetings: 0,
        harms: 0,
        first_meeting: None,
        reported: false,
        meetings_after_report: 0,
        harms_after_report: 0,
        fell: [None; 3],
        fell_on_trust: [false; 3],
        last_seller: NOBODY,
        last_met_on: 0,
        turned_away: 0,
        new_accounts: 0,
    }
}

/// The honest collective every scenario starts from (the same people for every parameter
/// set, so differences between sets come from the parameters).
pub fn draw(
    rng: &mut ChaCha8Rng,
    p: &Population,
    empty: Reputation,
) -> (Vec<Buyer>, Vec<f64>, Vec<Seller>, Vec<f64>) {
    let bw = weights(rng, p.buyers, p.buyer_sigma, p.buyer_cap, p.inactive_buyers);
    let harm_kinds = p.harm.len().max(1);
    let buyers = (0..p.buyers)
        .map(|_| {
            let r = rng.gen::<f64>();
            let which = rng.gen_range(0..harm_kinds);
            // Accounts made up to two years before the run: none is new on day 0 (R9.7).
            let created = -rng.gen_range(30..=730);
            let mut b = fresh_buyer(
                Role::Honest,
                0.0,
                p.base_unreliable_rate as f32,
                created,
                empty,
            );
            if r < p.dangerous_buyers {
                b.danger = u8::try_from(which).ok();
                b.p_harm = p.harm.get(which).copied().unwrap_or(0.0) as f32;
            } else if r < p.dangerous_buyers + p.unreliable_buyers {
                b.p_unreliable = p.unreliable_rate as f32;
            }
            b
        })
        .collect();
    let sw = weights(rng, p.sellers, p.seller_sigma, p.seller_cap, 0.0);
    let sellers = (0..p.sellers)
        .map(|_| {
            let r = rng.gen::<f64>();
            let screen = if r < p.cautious {
                Screen::Preset(Preset::Cautious)
            } else if r < p.cautious + p.moderate {
                Screen::Preset(Preset::Moderate)
            } else if r < p.cautious + p.moderate + p.open {
                Screen::Preset(Preset::Open)
            } else if r < p.cautious + p.moderate + p.open + p.welcoming {
                Screen::Welcoming
            } else {
                Screen::Anyone
            };
            Seller {
                screen,
                careless: rng.gen::<f64>() < p.careless_sellers,
                requires_code: false,
                role: SellerRole::Honest,
                poor: false,
                received: Vec::new(),
                unused_expiry: Vec::new(),
            }
        })
        .collect();
    (buyers, bw, sellers, sw)
}

/// A weighted picker; weights that are all zero pick nobody.
pub fn picker(w: &[f64]) -> Option<WeightedAliasIndex<f64>> {
    WeightedAliasIndex::new(w.to_vec()).ok()
}
