//! Showing a new TOTP secret (SPEC R2.5): as base32 text, as an `otpauth://` URL and as a QR
//! code rendered here as SVG. The rules (secret generation, code matching) are in
//! `tessera_app::accounts::totp`.

use qrcode::render::svg;
use qrcode::QrCode;

pub fn secret_base32(secret: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(secret)
}

pub fn otpauth_url(secret: &[u8], account: &str) -> String {
    let label: String = form_urlencoded::byte_serialize(account.as_bytes()).collect();
    format!(
        "otpauth://totp/Tessera:{label}?secret={}&issuer=Tessera&algorithm=SHA1&digits=6&period=30",
        secret_base32(secret)
    )
}

/// The QR code as an inline SVG element (no script, no style attribute: CSP-safe).
pub fn qr_svg(url: &str) -> String {
    match QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build()
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1)
            .replacen("<svg ", "<svg role=\"img\" aria-label=\"QR code\" ", 1),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_5_secret_and_qr_code() {
        let s = tessera_app::accounts::totp::new_secret();
        let svg = qr_svg(&otpauth_url(&s, "anna"));
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(!svg.contains("style="));
    }
}
