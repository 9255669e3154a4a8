//! URL paths and file names as the site uses them: the one percent-decoder for
//! URL paths (Markdown targets, `export`'s links, `serve`'s requests) and
//! the one MIME table (`serve`'s `Content-Type`, `export`'s `data:` URIs)
//! and the one way to join a relative path onto a folder.

use percent_encoding::percent_decode_str;

/// Decodes `%XX` escapes; an escape that is not two hex digits is kept as
/// written (`a%2` stays `a%2`). `None` when the bytes are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    percent_decode_str(s).decode_utf8().ok().map(|c| c.into_owned())
}

/// [`percent_decode`], keeping `s` as written when it is not UTF-8.
pub fn percent_decode_or_keep(s: &str) -> String {
    percent_decode(s).unwrap_or_else(|| s.to_string())
}

/// Joins the `/`-separated `path` onto the folder `dir`, resolving `.` and
/// `..` (empty segments are skipped). `None` when it climbs above `dir`'s root.
pub fn join_path(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The MIME type for a file name, by extension (`application/octet-stream`
/// when unknown).
pub fn mime(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        "txt" | "md" => "text/plain",
        "csv" => "text/csv",
        "yaml" | "yml" => "application/yaml",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "vtt" => "text/vtt",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_decoded_and_broken_ones_kept() {
        assert_eq!(percent_decode("a%20b%2").as_deref(), Some("a b%2"));
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(percent_decode("%zz").as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
        assert_eq!(percent_decode_or_keep("%FF"), "%FF");
    }

    #[test]
    fn paths_join_inside_the_root() {
        assert_eq!(join_path("a/b/", "../c.html").as_deref(), Some("a/c.html"));
        assert_eq!(join_path("a", "./b//c").as_deref(), Some("a/b/c"));
        assert_eq!(join_path("a/", "../../c.html"), None);
        assert_eq!(join_path("", ".."), None);
    }

    #[test]
    fn fonts_have_their_own_types() {
        assert_eq!(mime("static/fonts/Inter.WOFF"), "font/woff");
        assert_eq!(mime("f.woff2"), "font/woff2");
        assert_eq!(mime("README"), "application/octet-stream");
    }
}
