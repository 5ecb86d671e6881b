//! `commands.txt` is the one list of the app's commands (build.rs makes the invoke handler and the
//! permissions from it). What cannot be generated is checked here: the capability grants exactly
//! those commands, and the UI's API module calls no other.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn listed() -> BTreeSet<String> {
        include_str!("../commands.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.rsplit("::").next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn the_capability_grants_exactly_the_listed_commands() {
        let cap: serde_json::Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let granted: BTreeSet<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
            .collect();
        assert_eq!(granted, listed(), "capabilities/main.json and commands.txt differ");
    }

    #[test]
    fn the_ui_calls_only_listed_commands_and_every_listed_command_is_called() {
        let api = include_str!("../../ui/src/lib/api/index.ts");
        let mut called = BTreeSet::new();
        for part in api.split("call<").skip(1).chain(api.split("call(").skip(1)) {
            // `call<T>('name'` or `call('name'`: the first quoted word after the call.
            if let Some(start) = part.find('\'') {
                let rest = &part[start + 1..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if rest[name.len()..].starts_with('\'') && !name.is_empty() {
                    called.insert(name);
                }
            }
        }
        let listed = listed();
        let unknown: Vec<_> = called.difference(&listed).collect();
        assert!(unknown.is_empty(), "the UI calls commands that are not in commands.txt: {unknown:?}");
        let unused: Vec<_> = listed.difference(&called).collect();
        assert!(unused.is_empty(), "commands.txt lists commands the UI never calls: {unused:?}");
    }
}
