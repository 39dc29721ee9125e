//! One simulated year of one scenario under one parameter set, day by day. Every score comes
//! from tessera-core (`reputation`, the presets' `verdict`), the functions the server's lookup
//! calls, with the parameter set under test: nothing of the maths is written again here.

use rand::distributions::Distribution;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::WeightedAliasIndex;
use std::collections::{HashMap, HashSet};
use tessera_core::prefs::{Preferences, Preset};
use tessera_core::reputation::{reputation, Reputation};
use tessera_core::Params;

use crate::config::Config;
use crate::people::{self, Buyer, Received, Role, Screen, Seller, SellerRole, Tag, NOBODY};
use crate::scenario::Scenario;

/// The presets in report order (R4.6, charter 11.9).
pub const PRESETS: [Preset; 3] = [Preset::Cautious, Preset::Moderate, Preset::Open];

/// A buyer rating waiting for its day (brigades, fake accounts).
#[derive(Debug, Clone, Copy)]
struct Pending {
    day: u16,
    seller: u32,
    rating: Received,
}

/// The honest buyers some sellers flagged without meeting them, and what happened to them.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub buyer: u32,
    pub group: u8,
    pub ratings_before: u64,
    pub meetings_before: u32,
    pub first_meeting: u16,
    /// Whether each preset declined him once the group's last flag was in.
    pub declined_after: [bool; 3],
}

pub struct World<'a> {
    pub config: &'a Config,
    pub params: &'a Params,
    pub scenario: Scenario,
    rng: ChaCha8Rng,
    pub buyers: Vec<Buyer>,
    pub sellers: Vec<Seller>,
    buyer_pick: Option<WeightedAliasIndex<f64>>,
    seller_pick: Option<WeightedAliasIndex<f64>>,
    /// Records already computed: most buyers share a handful of (flags, zeros) pairs, and
    /// the Beta lower bound costs a root search per call.
    memo: HashMap<[u64; 4], Reputation>,
    prefs: [Preferences; 3],
    /// Each screen's preferences, by [`Screen::index`].
    screens: [Option<Preferences>; 5],
    /// Harms, and harms after his first report, by how the seller screened.
    pub harms_by_screen: [u64; 5],
    pub harms_after_report_by_screen: [u64; 5],
    pending: Vec<Pending>,
    /// Every unsafe flag: (seller, buyer, day), for R9.7's unverified-unsafe rule.
    pub unsafe_flags: Vec<(u32, u32, u16)>,
    /// Unsafe flags that landed on someone other than the buyer who did the harm.
    pub misdirected: u32,
    /// (seller, buyer) pairs with a verified interaction (R4.4), for R9.7.
    pub verified: HashSet<(u32, u32)>,
    /// Codes a seller could not generate because she had `max_active_codes` active (R4.3).
    pub refused_codes: u64,
    pub meetings: u64,
    pub harms: u64,
    /// Harms the seller did not report because he threatened her (14.2).
    pub coerced: u64,
    pub turned_away: u64,
    /// Collusion groups: (size, days each colluder flags) and their sellers.
    pub groups: Vec<((u32, u32), Vec<u32>)>,
    pub targets: Vec<Target>,
    pub code_ttl: u16,
}

/// A seed for one stream of one run: the population depends on the seed only, the meetings
/// on the seed and the scenario, never on the parameter set (common random numbers).
pub fn stream(seed: u64, a: u64, b: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(a.wrapping_mul(1_000_003).wrapping_add(b));
    r
}

fn day16(d: u32) -> u16 {
    u16::try_from(d).unwrap_or(u16::MAX)
}

impl<'a> World<'a> {
    pub fn new(
        config: &'a Config,
        params: &'a Params,
        scenario: Scenario,
        seed: u64,
        index: u64,
    ) -> Self {
        let empty = reputation(Default::default(), Default::default(), params);
        let mut prng = stream(seed, 0, 0);
        let (mut buyers, mut bw, mut sellers, sw) =
            people::draw(&mut prng, &config.population, empty);
        let mut srng = stream(seed, 1, index);
        let a = &config.attacks;
        let mut groups = Vec::new();
        match scenario {
            Scenario::Retaliation | Scenario::Coercion => {
                let role = if scenario == Scenario::Retaliation {
                    Role::Retaliator
                } else {
                    Role::Coercer
                };
                for b in buyers.iter_mut().filter(|b| b.danger.is_some()) {
                    b.role = role;
                }
            }
            Scenario::Brigading | Scenario::PatientBrigading => {
                let wait = if scenario == Scenario::Brigading {
                    1
                } else {
                    a.patient_wait_days
                };
                // Targets: sellers who meet new accounts, as a brigade needs.
                let mut open: Vec<u32> = (0..sellers.len() as u32)
                    .filter(|s| sellers[*s as usize].screen.meets_new_buyers())
                    .collect();
                open.shuffle(&mut srng);
                for &t in open.iter().take(a.brigading_targets as usize) {
                    for _ in 0..a.brigaders_per_target {
                        let role = Role::Brigader {
                            target: t,
                            rate_day: day16(a.brigading_day + wait),
                        };
                        buyers.push(people::fresh_buyer(
                            role,
                            0.0,
                            0.0,
                            i32::from(day16(a.brigading_day)) - 1,
                            empty,
                        ));
                        bw.push(0.0);
                    }
                }
            }
            Scenario::Sybil => {
                let mut ids: Vec<u32> = (0..sellers.len() as u32).collect();
                ids.shuffle(&mut srng);
                for (i, &s) in ids.iter().take(a.sybil_sellers as usize).enumerate() {
                    let seller = &mut sellers[s as usize];
                    seller.role = SellerRole::Sybil { boost: i % 2 == 0 };
                    seller.poor = true;
                    for _ in 0..a.sybil_codes {
                        buyers.push(people::fresh_buyer(
                            Role::Fake,
                            0.0,
                            0.0,
                            i32::from(day16(a.sybil_day)),
                            empty,
                        ));
                        bw.push(0.0);
                    }
                }
            }
            Scenario::Collusion => {
                let mut ids: Vec<u32> = (0..sellers.len() as u32)
                    .filter(|s| !sellers[*s as usize].careless)
                    .collect();
                ids.shuffle(&mut srng);
                let mut next = ids.into_iter();
                let mut shapes: Vec<(u32, u32)> =
                    a.collusion_groups.iter().map(|g| (*g, 1)).collect();
                shapes.push((1, 3));
                for (g, shape) in shapes.into_iter().enumerate() {
                    let members: Vec<u32> = next.by_ref().take(shape.0 as usize).collect();
                    for &m in &members {
                        sellers[m as usize].role = SellerRole::Colluder {
                            group: u8::try_from(g).unwrap_or(u8::MAX),
                        };
                    }
                    groups.push((shape, members));
                }
            }
            Scenario::Impersonation { code_share } => {
                for s in &mut sellers {
                    s.requires_code = srng.gen::<f64>() < code_share;
                }
                // Victims: honest buyers in the busiest tenth, whose records look best.
                let mut by_weight: Vec<u32> = (0..buyers.len() as u32)
                    .filter(|b| buyers[*b as usize].danger.is_none())
                    .collect();
                by_weight
                    .sort_by(|x, y| bw[*y as usize].total_cmp(&bw[*x as usize]).then(x.cmp(y)));
                let top = (by_weight.len() / 10).max(1);
                let mean = bw.iter().sum::<f64>() / bw.len().max(1) as f64;
                let impersonators = if by_weight.is_empty() {
                    0
                } else {
                    a.impersonators
                };
                for _ in 0..impersonators {
                    let victim = by_weight[srng.gen_range(0..top)];
                    let mut b = people::fresh_buyer(
                        Role::Impersonator { victim },
                        a.impersonator_harm as f32,
                        config.population.base_unreliable_rate as f32,
                        0,
                        empty,
                    );
                    b.danger = None;
                    buyers.push(b);
                    bw.push(mean * 3.0);
                }
            }
            Scenario::Baseline | Scenario::Whitewash => {}
        }
        let prefs = PRESETS.map(Preset::preferences);
        World {
            config,
            params,
            scenario,
            rng: stream(seed, 2, index),
            buyer_pick: people::picker(&bw),
            seller_pick: people::picker(&sw),
            buyers,
            sellers,
            prefs,
            screens: Screen::ALL.map(Screen::preferences),
            harms_by_screen: [0; 5],
            harms_after_report_by_screen: [0; 5],
            pending: Vec::new(),
            memo: HashMap::new(),
            unsafe_flags: Vec::new(),
            misdirected: 0,
            verified: HashSet::new(),
            refused_codes: 0,
            meetings: 0,
            harms: 0,
            coerced: 0,
            turned_away: 0,
            groups,
            targets: Vec::new(),
            code_ttl: u16::try_from(params.code_ttl_days).unwrap_or(30),
        }
    }

    /// The whole run.
    pub fn run(&mut self) {
        let days = self.config.population.days;
        let per_year = self.config.population.meetings_per_year;
        for day in 0..days {
            let d = day16(day);
            self.attacks(d);
            self.deliver(d);
            let today = per_year * u64::from(day + 1) / 365 - per_year * u64::from(day) / 365;
            for _ in 0..today {
                let Some(pick) = &self.buyer_pick else { break };
                let b = pick.sample(&mut self.rng) as u32;
                if self.buyers[b as usize].created <= i32::from(d) {
                    self.ask(b, d);
                }
            }
        }
    }

    fn pick_seller(&mut self) -> u32 {
        match &self.seller_pick {
            Some(p) => p.sample(&mut self.rng) as u32,
            None => 0,
        }
    }

    /// Whose record the seller looks up: his own, unless he gives another buyer's pseudonym
    /// to a seller who does not ask for a screening code (R4.11).
    fn shown(&self, b: u32, s: u32) -> u32 {
        match self.buyers[b as usize].role {
            Role::Impersonator { victim } if !self.sellers[s as usize].requires_code => victim,
            _ => b,
        }
    }

    /// Her screening preferences against the record she is shown (R4.6).
    fn accepts(&self, s: u32, shown: u32) -> bool {
        match &self.screens[self.sellers[s as usize].screen.index()] {
            None => true,
            Some(p) => {
                let b = &self.buyers[shown as usize];
                p.verdict(&b.rep, b.ratings).meets()
            }
        }
    }

    /// A buyer looks for a meeting; declined, he asks others (quiet exclusion).
    fn ask(&mut self, b: u32, day: u16) {
        let (last, met_on) = {
            let x = &self.buyers[b as usize];
            (x.last_seller, x.last_met_on)
        };
        for attempt in 0..=self.config.behaviour.retries {
            // A regular comes back on another day, not twice the same day.
            let s = if attempt == 0
                && last != NOBODY
                && met_on < day
                && self.rng.gen::<f64>() < self.config.behaviour.returning
            {
                last
            } else {
                self.pick_seller()
            };
            let shown = self.shown(b, s);
            if self.accepts(s, shown) {
                self.meet(b, shown, s, day);
                return;
            }
        }
        self.buyers[b as usize].turned_away += 1;
        self.turned_away += 1;
    }

    fn meet(&mut self, b: u32, shown: u32, s: u32, day: u16) {
        let cfg = &self.config.behaviour;
        let (p_harm, p_unrel, role) = {
            let x = &self.buyers[b as usize];
            (x.p_harm, x.p_unreliable, x.role)
        };
        let harm = self.rng.gen::<f32>() < p_harm;
        let unreliable = self.rng.gen::<f32>() < p_unrel;
        self.meetings += 1;
        self.harms += u64::from(harm);
        let screen = self.sellers[s as usize].screen.index();
        self.harms_by_screen[screen] += u64::from(harm);
        if self.buyers[b as usize].reported {
            self.harms_after_report_by_screen[screen] += u64::from(harm);
        }
        {
            let x = &mut self.buyers[b as usize];
            x.meetings += 1;
            x.first_meeting.get_or_insert(day);
            x.harms += u32::from(harm);
            if x.reported {
                x.meetings_after_report += 1;
                x.harms_after_report += u32::from(harm);
            }
            x.last_seller = s;
            x.last_met_on = day;
        }
        let coerced = harm
            && role == Role::Coercer
            && self.rng.gen::<f64>() < self.config.attacks.coercion_comply;
        self.coerced += u64::from(coerced);
        let mut rated = false;
        if self.rng.gen::<f64>() < cfg.rating_rate {
            let (safe, reliable, careless) = self.honest_flags(s, !harm || coerced, !unreliable);
            // Under another's pseudonym every zero he earns lands on the victim (R4.11).
            let planted = shown != b;
            let unearned = [
                careless[0] || (planted && !safe),
                careless[1] || (planted && !reliable),
            ];
            rated = self.rate(s, shown, Some(safe), Some(reliable), day, b, unearned);
        }
        let give = coerced
            || if harm {
                self.rng.gen::<f64>() < cfg.code_after_harm
            } else {
                self.rng.gen::<f64>() < cfg.code_rate
            };
        // R4.3: at most `max_active_codes` unused, unexpired codes per seller.
        if !give || !self.may_issue(s, day) {
            return;
        }
        let punishes = harm && !coerced && matches!(role, Role::Retaliator | Role::Coercer);
        let rating = if punishes {
            Some((0.0, Tag::Retaliation))
        } else if self.rng.gen::<f64>() < cfg.code_use {
            Some((
                self.honest_x(s),
                if coerced { Tag::Coerced } else { Tag::Honest },
            ))
        } else {
            None
        };
        match rating {
            Some((x, tag)) => {
                // R4.4: the redemption verifies her rating of him for that day, if she gave one.
                if rated && shown == b {
                    self.verified.insert((s, b));
                }
                self.sellers[s as usize].received.push(Received {
                    buyer: b,
                    x,
                    day,
                    tag,
                });
            }
            None => {
                let expiry = day.saturating_add(self.code_ttl);
                self.sellers[s as usize].unused_expiry.push(expiry);
            }
        }
    }

    /// Her flags for what happened, and a careless rater's random zeros (which of the two
    /// flags she zeroed without cause).
    fn honest_flags(&mut self, s: u32, safe: bool, reliable: bool) -> (bool, bool, [bool; 2]) {
        if !self.sellers[s as usize].careless {
            return (safe, reliable, [false; 2]);
        }
        let rate = self.config.population.careless_rate;
        let flip_safe = safe && self.rng.gen::<f64>() < rate;
        let flip_reliable = reliable && self.rng.gen::<f64>() < rate;
        (
            safe && !flip_safe,
            reliable && !flip_reliable,
            [flip_safe, flip_reliable],
        )
    }

    /// Whether she may generate one more code today (R4.3's cap on active codes); codes
    /// redeemed are redeemed the day they are handed over here, so the active ones are the
    /// unused that have not expired.
    fn may_issue(&mut self, s: u32, day: u16) -> bool {
        let seller = &self.sellers[s as usize];
        let active =
            seller.unused_expiry.len() - seller.unused_expiry.partition_point(|e| *e <= day);
        let ok = active < self.params.max_active_codes as usize;
        self.refused_codes += u64::from(!ok);
        ok
    }

    /// x of R3.5 from the benchmark generator's mix of answers; poor listings score lower.
    fn honest_x(&mut self, s: u32) -> f32 {
        let r = &mut self.rng;
        let acc = pick(r, &[(1.0, 0.85), (0.5, 0.12), (0.0, 0.03)]);
        let pun = pick(
            r,
            &[
                (1.0, 0.80),
                (2.0 / 3.0, 0.13),
                (1.0 / 3.0, 0.05),
                (0.0, 0.02),
            ],
        );
        let pro = pick(r, &[(1.0, 0.80), (0.5, 0.17), (0.0, 0.03)]);
        let x = (acc + pun + pro) / 3.0;
        if self.sellers[s as usize].poor {
            x * 0.5
        } else {
            x
        }
    }

    /// A seller's rating of a buyer (R4.2) lands on the record she was shown; `unearned` marks
    /// zeros he did not earn. A second rating by the same seller on the same day updates the
    /// first on the server; here it is left out. Returns whether it was recorded.
    #[allow(clippy::too_many_arguments)]
    pub fn rate(
        &mut self,
        s: u32,
        target: u32,
        safe: Option<bool>,
        reliable: Option<bool>,
        day: u16,
        actual: u32,
        unearned: [bool; 2],
    ) -> bool {
        let params = self.params;
        let x = &mut self.buyers[target as usize];
        if x.last_rated == (s, day) {
            return false;
        }
        x.last_rated = (s, day);
        if let Some(v) = safe {
            x.safe.n += 1;
            x.safe.zeros += u64::from(!v);
            x.unearned_safe += u64::from(!v && unearned[0]);
        }
        if let Some(v) = reliable {
            x.reliable.n += 1;
            x.reliable.zeros += u64::from(!v);
            x.unearned_reliable += u64::from(!v && unearned[1]);
        }
        x.ratings += 1;
        let key = [x.safe.n, x.safe.zeros, x.reliable.n, x.reliable.zeros];
        x.rep = *self
            .memo
            .entry(key)
            .or_insert_with(|| reputation(x.safe, x.reliable, params));
        if safe == Some(false) {
            x.reported = true;
            self.unsafe_flags.push((s, target, day));
            if actual != target && actual != NOBODY {
                self.misdirected += 1;
            }
        }
        self.check_fell(target, day);
        true
    }

    fn check_fell(&mut self, b: u32, day: u16) {
        let x = &self.buyers[b as usize];
        let mut fell = x.fell;
        let mut on_trust = x.fell_on_trust;
        let mut below_moderate = false;
        for (i, pref) in self.prefs.iter().enumerate() {
            let v = pref.verdict(&x.rep, x.ratings);
            let below = v.min_trust || v.max_unsafe;
            if below && fell[i].is_none() {
                on_trust[i] = v.min_trust;
                fell[i] = Some((
                    x.meetings,
                    day.saturating_sub(x.first_meeting.unwrap_or(day)),
                ));
            }
            below_moderate |= below && PRESETS[i] == Preset::Moderate;
        }
        let whitewash =
            below_moderate && self.scenario == Scenario::Whitewash && x.danger.is_some();
        let x = &mut self.buyers[b as usize];
        x.fell = fell;
        x.fell_on_trust = on_trust;
        if whitewash {
            // A new account: a new pseudonym, no record (14.4). He keeps what he did.
            x.safe = Default::default();
            x.reliable = Default::default();
            x.unearned_safe = 0;
            x.unearned_reliable = 0;
            x.ratings = 0;
            x.rep = reputation(x.safe, x.reliable, self.params);
            x.created = i32::from(day);
            x.new_accounts += 1;
            x.last_seller = NOBODY;
        }
    }

    /// The attacks that happen on a given day.
    fn attacks(&mut self, day: u16) {
        let a = &self.config.attacks;
        match self.scenario {
            Scenario::Brigading | Scenario::PatientBrigading
                if u32::from(day) == a.brigading_day =>
            {
                for b in 0..self.buyers.len() as u32 {
                    if let Role::Brigader { target, rate_day } = self.buyers[b as usize].role {
                        self.brigade_meeting(b, target, rate_day, day);
                    }
                }
            }
            Scenario::Sybil if u32::from(day) == a.sybil_day => self.sybil(day),
            Scenario::Collusion => self.collusion(day),
            _ => {}
        }
    }

    /// A brigader meets his target and behaves; he rates her 0 on his day if she gave a code.
    fn brigade_meeting(&mut self, b: u32, s: u32, rate_day: u16, day: u16) {
        {
            let x = &mut self.buyers[b as usize];
            x.meetings += 1;
            x.first_meeting = Some(day);
        }
        self.meetings += 1;
        if self.rng.gen::<f64>() < self.config.behaviour.rating_rate {
            let (safe, reliable, careless) = self.honest_flags(s, true, true);
            if self.rate(s, b, Some(safe), Some(reliable), day, b, careless) {
                self.verified.insert((s, b));
            }
        }
        if self.rng.gen::<f64>() < self.config.behaviour.code_rate && self.may_issue(s, day) {
            self.rate_later(rate_day, s, b, 0.0, Tag::Brigade);
        }
    }

    /// Each Sybil seller hands a code to each of her fake accounts over 30 days; half of them
    /// first rate their fakes safe and reliable, which gives the fakes full weight.
    fn sybil(&mut self, day: u16) {
        let all: Vec<u32> = (0..self.buyers.len() as u32)
            .filter(|b| self.buyers[*b as usize].role == Role::Fake)
            .collect();
        let mut fakes = all.into_iter();
        let per = self.config.attacks.sybil_codes;
        for s in 0..self.sellers.len() as u32 {
            let SellerRole::Sybil { boost } = self.sellers[s as usize].role else {
                continue;
            };
            for i in 0..per {
                let Some(f) = fakes.next() else { return };
                let when = day.saturating_add(day16(i % 30));
                if boost && self.rate(s, f, Some(true), Some(true), day, f, [false; 2]) {
                    self.verified.insert((s, f));
                }
                self.rate_later(when, s, f, 1.0, Tag::Fake);
            }
        }
    }

    /// On the collusion day each group picks its honest targets (buyers with ten or more
    /// ratings whom every preset accepts) and each member flags each target unsafe, on one day
    /// or on consecutive days, without meeting him.
    fn collusion(&mut self, day: u16) {
        let start = self.config.attacks.collusion_day;
        let d = u32::from(day);
        if d < start || d > start + 2 {
            return;
        }
        if d == start {
            let mut pool: Vec<u32> = (0..self.buyers.len() as u32)
                .filter(|b| {
                    let x = &self.buyers[*b as usize];
                    x.role == Role::Honest
                        && x.p_harm == 0.0
                        && x.ratings >= 10
                        && self
                            .prefs
                            .iter()
                            .all(|p| p.verdict(&x.rep, x.ratings).meets())
                })
                .collect();
            pool.shuffle(&mut self.rng);
            let per = self.config.attacks.collusion_targets as usize;
            let mut next = pool.into_iter();
            for g in 0..self.groups.len() {
                for b in next.by_ref().take(per) {
                    let x = &mut self.buyers[b as usize];
                    x.role = Role::CollusionTarget {
                        group: u8::try_from(g).unwrap_or(u8::MAX),
                    };
                    self.targets.push(Target {
                        buyer: b,
                        group: u8::try_from(g).unwrap_or(u8::MAX),
                        ratings_before: x.ratings,
                        meetings_before: x.meetings,
                        first_meeting: x.first_meeting.unwrap_or(0),
                        declined_after: [false; 3],
                    });
                }
            }
        }
        for i in 0..self.targets.len() {
            let t = self.targets[i];
            let ((_, days), members) = self.groups[t.group as usize].clone();
            if d - start >= days {
                continue;
            }
            for s in members {
                self.rate(s, t.buyer, Some(false), None, day, NOBODY, [true, false]);
            }
            if d - start + 1 == days {
                let x = &self.buyers[t.buyer as usize];
                self.targets[i].declined_after = self.prefs.map(|p| {
                    let v = p.verdict(&x.rep, x.ratings);
                    v.min_trust || v.max_unsafe
                });
            }
        }
    }

    /// A buyer rating of a seller that arrives on `day` (a brigade's, a fake account's).
    fn rate_later(&mut self, day: u16, seller: u32, buyer: u32, x: f32, tag: Tag) {
        self.pending.push(Pending {
            day,
            seller,
            rating: Received { buyer, x, day, tag },
        });
    }

    /// Buyer ratings whose day has come (brigades, fake accounts).
    fn deliver(&mut self, day: u16) {
        let mut i = 0;
        while i < self.pending.len() {
            if self.pending[i].day == day {
                let p = self.pending.swap_remove(i);
                self.sellers[p.seller as usize].received.push(p.rating);
            } else {
                i += 1;
            }
        }
    }

    /// A buyer's record as the lookup shows it under these parameters.
    pub fn rep(&self, b: u32) -> &Reputation {
        &self.buyers[b as usize].rep
    }
}

fn pick(r: &mut ChaCha8Rng, options: &[(f32, f64)]) -> f32 {
    let mut u = r.gen::<f64>();
    for (v, p) in options {
        if u < *p {
            return *v;
        }
        u -= p;
    }
    options.last().map_or(0.0, |o| o.0)
}
