/// Tags on residents that drive work (关爱对象, 五必访 …). Raw values are stable storage codes.
public enum ResidentTag: String, Sendable, Codable, CaseIterable {
    case elderlyAlone = "elderly_alone"           // 孤寡/独居老人
    case leftBehindChild = "left_behind_child"    // 留守儿童
    case specialHardship = "special_hardship"     // 特殊困难
    case veteran                                  // 老兵
    case goodSamaritan = "good_samaritan"         // 见义勇为
    case petitioner                               // 涉法涉诉/信访户
    case majorLifeChange = "major_life_change"    // 生活发生重大变故
    case deputy                                   // 人大代表/政协委员
    case informant                                // 信息员
    case conductSupervisor = "conduct_supervisor" // 警风监督员
    case disputeParty = "dispute_party"           // 矛盾纠纷当事人
    case caseParty = "case_party"                 // 案件当事人

    /// Parses a list such as `elderly_alone;veteran` (also `,` `|` `；` separated).
    public static func parseList(_ raw: String) -> (tags: [ResidentTag], unknown: [String]) {
        let parts = raw.split(whereSeparator: { ";,|；，".contains($0) })
            .map { $0.trimmed }.filter { !$0.isEmpty }
        var tags: [ResidentTag] = [], unknown: [String] = []
        for p in parts {
            if let t = ResidentTag(rawValue: p) { if !tags.contains(t) { tags.append(t) } } else { unknown.append(p) }
        }
        return (tags, unknown)
    }

    public static func storageString(_ tags: [ResidentTag]) -> String {
        tags.map(\.rawValue).joined(separator: ";")
    }
}

import Foundation
