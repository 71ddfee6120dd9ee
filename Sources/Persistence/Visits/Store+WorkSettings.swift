import Domain
import Foundation
import SQLKit

extension Store {
    public func workSettings() async throws -> WorkSettings {
        try await workSettings(on: sql)
    }

    func workSettings(on db: any SQLDatabase) async throws -> WorkSettings {
        WorkSettings(storage: try await db.select().columns("id", "value").from("work_settings").all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "value", as: Int.self))
        })
    }

    /// Administrator only; audited with every value before → after.
    public func updateWorkSettings(_ new: WorkSettings, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let old = try await workSettings()
        try await write { tx in
            var changes: [String] = []
            for ((key, value), (_, before)) in zip(new.storage, old.storage) where value != before {
                try await tx.update("work_settings").set("value", to: value).where("id", .equal, key).run()
                changes.append("\(key): \(before) -> \(value)")
            }
            guard !changes.isEmpty else { return }
            try await audit(tx, caller, "settings.update", "settings", "work", changes.joined(separator: "; "), at: "")
        }
    }

    /// Administrator edits a 五必访 rule. Tasks already created keep their due dates; the
    /// change applies to what the rule triggers from now on.
    public func updateMustVisitRule(code: String, dueWithinDays: String, repeatEveryDays: String, active: Bool, _ caller: Caller) async throws -> MustVisitRule {
        guard caller.role.mayConfigure else { throw Forbidden() }
        guard let rule = try await mustVisitRules().first(where: { $0.code == code }) else { throw NotFound() }
        var edited = rule
        var errors: [FieldError] = []
        if let d = Int(dueWithinDays.trimmed), (1...365).contains(d) { edited.dueWithinDays = d }
        else { errors.append(FieldError(field: "dueWithinDays", problem: .invalidChoice)) }
        let repeatText = repeatEveryDays.trimmed
        if repeatText.isEmpty { edited.repeatEveryDays = nil }
        else if let r = Int(repeatText), (1...730).contains(r) { edited.repeatEveryDays = r }
        else { errors.append(FieldError(field: "repeatEveryDays", problem: .invalidChoice)) }
        edited.active = active
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        guard edited != rule else { return rule }
        let new = edited
        try await write { tx in
            try await tx.update("must_visit_rules").set("due_within_days", to: new.dueWithinDays)
                .set("repeat_every_days", to: SQLBind(new.repeatEveryDays)).set("active", to: new.active).where("id", .equal, code).run()
            try await audit(tx, caller, "rule.update", "must_visit_rule", code,
                            "due \(rule.dueWithinDays) -> \(new.dueWithinDays); repeat \(rule.repeatEveryDays.map(String.init) ?? "-") -> \(new.repeatEveryDays.map(String.init) ?? "-"); active \(rule.active) -> \(new.active)", at: "")
        }
        return edited
    }
}
