//! `--shim 'CMD ARGS...'`: any program that speaks the process protocol
//! (docs/protocol.md) becomes a subject, named by its `hello`.

use anyhow::{anyhow, Context, Result};
use cookiecheck_adapters::process::{start_command, Started};

/// One `--shim` argument: the command as given, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShimArg {
    /// The argument as written (for messages).
    pub text: String,
    /// The program and its arguments, split as a POSIX shell would.
    pub words: Vec<String>,
}

/// Splits `CMD ARGS...` (clap's value parser for `--shim`).
pub fn parse_shim(arg: &str) -> Result<ShimArg, String> {
    let words = shlex::split(arg).ok_or_else(|| {
        format!(
            "`{arg}` has an unbalanced quote or a trailing backslash: give the whole \
             command as one argument, quoted once (--shim 'python3 my_shim.py --flag')"
        )
    })?;
    if words.is_empty() {
        return Err(
            "the command is empty: give the program that starts your shim \
                    and its arguments (--shim 'python3 my_shim.py')"
                .into(),
        );
    }
    Ok(ShimArg {
        text: arg.to_string(),
        words,
    })
}

/// Starts the shim in the current directory and waits for its `hello`.
pub fn start(shim: &ShimArg) -> Result<Started> {
    let cwd = std::env::current_dir().context("no current directory to start the shim in")?;
    start_command(&shim.words, &cwd).map_err(|e| {
        anyhow!(
            "--shim '{}': {e} (a shim must answer `hello` on its standard output \
             within the request time limit; see docs/protocol.md, \"Write a shim\")",
            shim.text
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_as_a_shell_would() {
        let s = parse_shim("python3 'my shim.py' --name \"a b\"").expect("parses");
        assert_eq!(s.words, ["python3", "my shim.py", "--name", "a b"]);
        assert!(parse_shim("python3 'unterminated").is_err());
        assert!(parse_shim("   ").is_err());
    }
}
