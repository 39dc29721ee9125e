//! The simulator's building blocks with known answers (issue 15 §4).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tessera_core::prefs::Preset;
use tessera_core::Params;
use tessera_sim::config::Config;
use tessera_sim::people::Screen;
use tessera_sim::world::World;
use tessera_sim::Scenario;

/// A collective small enough to reason about: no careless raters, nobody dangerous, every
/// meeting rated, `screen` for every seller.
fn tiny(welcoming: f64) -> Config {
    let mut c = Config::default();
    let p = &mut c.population;
    p.sellers = 20;
    p.buyers = 200;
    p.days = 60;
    p.meetings_per_year = 20_000;
    p.inactive_buyers = 0.0;
    p.dangerous_buyers = 0.0;
    p.careless_sellers = 0.0;
    p.unreliable_buyers = 0.0;
    p.base_unreliable_rate = 0.0;
    p.cautious = 0.0;
    p.moderate = 0.0;
    p.open = 0.0;
    p.welcoming = welcoming;
    c.behaviour.rating_rate = 1.0;
    c.attacks.brigading_day = 30;
    c.attacks.sybil_day = 30;
    c.attacks.collusion_day = 30;
    c.attacks.patient_wait_days = 5;
    c
}

/// The buyer who asks most often under this seed (the draws depend on the seed only).
fn busiest(c: &Config, p: &Params, seed: u64) -> u32 {
    let mut w = World::new(c, p, Scenario::Baseline, seed, 0);
    w.run();
    (0..w.buyers.len() as u32)
        .max_by_key(|b| (w.buyers[*b as usize].meetings, std::cmp::Reverse(*b)))
        .unwrap_or(0)
}

/// Issue 15 §4, R4.6, R3.8: one buyer with ten good ratings who then harms in every meeting,
/// among sellers who all screen with the welcoming preferences (open's limits, new buyers met).
/// Whatever the seed he gets exactly three more meetings: his S_b stays 1 (the blind spot), and
/// the third unsafe flag exceeds the maximum of two. The cautious, moderate and open presets
/// decline him after his first, second and third.
#[test]
fn issue_15_r4_6_one_dangerous_buyer_is_met_three_times_by_welcoming_sellers() {
    let c = tiny(1.0);
    let p = Params::default();
    for seed in [1, 2, 3] {
        let b = busiest(&c, &p, seed);
        let mut w = World::new(&c, &p, Scenario::Baseline, seed, 0);
        assert!(w.sellers.iter().all(|s| s.screen == Screen::Welcoming));
        for day in 0..10 {
            w.rate(day % 20, b, Some(true), Some(true), 0, b, [false; 2]);
        }
        w.buyers[b as usize].p_harm = 1.0;
        w.buyers[b as usize].danger = Some(0);
        w.run();
        let x = &w.buyers[b as usize];
        assert_eq!((x.meetings, x.harms), (3, 3), "seed {seed}: {x:?}");
        assert_eq!(x.harms_after_report, 2, "seed {seed}");
        assert_eq!(
            x.rep.safe.score,
            Some(1.0),
            "R3.8: 3 of 13 unsafe still shows 1.0"
        );
        let meetings: Vec<Option<u32>> = x.fell.iter().map(|f| f.map(|f| f.0)).collect();
        assert_eq!(meetings, [Some(1), Some(2), Some(3)], "seed {seed}");
        assert_eq!(w.harms, 3, "nobody else harms");
        assert!(x.turned_away > 0, "he kept asking and was declined");
    }
}

/// A new buyer who harms at his first meeting: with one flag his S_b is 0 and every preset,
/// and the welcoming sellers, decline him at once on trust.
#[test]
fn issue_15_r3_2_a_first_meeting_harm_ends_it_on_trust() {
    let c = tiny(1.0);
    let p = Params::default();
    let b = busiest(&c, &p, 4);
    let mut w = World::new(&c, &p, Scenario::Baseline, 4, 0);
    w.buyers[b as usize].p_harm = 1.0;
    w.run();
    let x = &w.buyers[b as usize];
    assert_eq!((x.meetings, x.harms, x.harms_after_report), (1, 1, 0));
    assert_eq!(x.rep.trust, Some(0.0));
}

/// With sellers who meet anyone nobody is ever declined: every ask is a meeting, and with
/// every buyer harming, every meeting a harm.
#[test]
fn issue_15_sellers_without_preferences_meet_everyone() {
    let c = tiny(0.0);
    let p = Params::default();
    let mut w = World::new(&c, &p, Scenario::Baseline, 7, 0);
    assert!(w.sellers.iter().all(|s| s.screen == Screen::Anyone));
    for b in &mut w.buyers {
        b.p_harm = 1.0;
    }
    w.run();
    assert!(w.meetings > 1000, "{}", w.meetings);
    assert_eq!(w.harms, w.meetings);
    assert_eq!(w.turned_away, 0);
}

/// R4.6 through the core verdict: a buyer with one unsafe flag in twenty is declined by the
/// cautious preset and met by the others (R3.8: his S_b is still 1).
#[test]
fn issue_15_r3_8_presets_in_the_simulator_are_the_core_presets() {
    let c = tiny(1.0);
    let p = Params::default();
    let mut w = World::new(&c, &p, Scenario::Baseline, 1, 0);
    for day in 0..19 {
        w.rate(0, 5, Some(true), Some(true), day, 5, [false; 2]);
    }
    w.rate(1, 5, Some(false), Some(true), 19, 5, [false; 2]);
    let rep = *w.rep(5);
    assert_eq!(rep.safe.score, Some(1.0));
    let v = |preset: Preset| preset.preferences().verdict(&rep, 20);
    assert!(!v(Preset::Cautious).meets());
    assert!(v(Preset::Moderate).meets() && v(Preset::Open).meets());
    assert_eq!(
        w.buyers[5].fell[0].map(|f| f.0),
        Some(0),
        "declined by cautious, no meeting yet"
    );
    assert_eq!(w.buyers[5].fell[1], None);
}

/// Impersonation (R4.11): a seller who asks for a screening code sees the impersonator's own
/// record; one who does not rates the victim.
#[test]
fn issue_15_r4_11_flags_land_on_the_victim_only_without_a_screening_code() {
    let mut c = tiny(0.0);
    c.attacks.impersonators = 5;
    c.attacks.impersonator_harm = 1.0;
    let p = Params::default();
    for (share, misdirected) in [(0.0, true), (1.0, false)] {
        let mut w = World::new(&c, &p, Scenario::Impersonation { code_share: share }, 3, 8);
        w.run();
        assert!(w.harms > 0);
        assert_eq!(w.misdirected > 0, misdirected, "share {share}");
        if !misdirected {
            assert_eq!(w.misdirected, 0);
        }
    }
}
