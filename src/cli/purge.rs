//! `tessera purge`: one round of the purge job now (SPEC R8.3), for operators and cron. It
//! prints how many of each kind it deleted, the network's included (R6.3 messages, the day
//! keys it shredded, R6.6 check-ins and alarms): counts only, never whose (R8.4).

use tessera_store::purge::PurgeReport;

use super::common::{load_config, open_store, DbArgs};

pub async fn run(args: DbArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let purge = tessera_app::jobs::Purge {
        session_idle_secs: cfg.session_idle_minutes * 60,
        session_absolute_secs: cfg.session_absolute_hours * 3600,
    };
    let r = purge.once(&store, now).await?;
    println!("{}", describe(&r));
    store.close().await;
    Ok(())
}

/// One line: every kind the purge deletes, with its count. The report is taken apart field by
/// field, so a kind added to it does not compile until it is printed here too.
fn describe(r: &PurgeReport) -> String {
    let PurgeReport {
        sessions,
        invitations,
        recovery_tokens,
        claim_tokens,
        security_events,
        codes,
        screening_links,
        messages,
        day_keys,
        coop_links,
        alarms,
        alerts,
        checkins,
        approvals,
        abuse_flags,
    } = r;
    format!(
        "purged: {sessions} sessions, {invitations} invitations, {recovery_tokens} recovery \
         links, {claim_tokens} claim links, {security_events} security events, {codes} rating \
         codes, {screening_links} screening links, {messages} messages, {day_keys} day keys \
         (shredded), {coop_links} coop request links, {checkins} finished check-ins, {alarms} \
         closed alarms, {alerts} ended alerts, {approvals} lapsed two-person requests, {abuse_flags} abuse flags"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r8_3_every_kind_is_printed_with_its_own_count() {
        let r = PurgeReport {
            sessions: 1,
            invitations: 2,
            recovery_tokens: 3,
            claim_tokens: 4,
            security_events: 5,
            codes: 6,
            screening_links: 7,
            messages: 8,
            day_keys: 9,
            coop_links: 10,
            alarms: 11,
            alerts: 13,
            checkins: 12,
            approvals: 14,
            abuse_flags: 15,
        };
        assert_eq!(
            describe(&r),
            "purged: 1 sessions, 2 invitations, 3 recovery links, 4 claim links, 5 security \
             events, 6 rating codes, 7 screening links, 8 messages, 9 day keys (shredded), 10 \
             coop request links, 12 finished check-ins, 11 closed alarms, 13 ended alerts, 14 \
             lapsed two-person requests, 15 abuse flags"
        );
    }
}
