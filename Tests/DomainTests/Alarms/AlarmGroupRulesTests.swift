import Domain
import Foundation
import Testing

@Suite struct AlarmGroupRulesTests {
    @Test func neighboursAreReadFromTheAddress() {
        #expect(AlarmGroupRules.neighbourhood(of: "五营镇马小村5组25号") == "五营镇马小村5组")
        #expect(AlarmGroupRules.neighbourhood(of: "城关镇解放街40号2单元202") == "城关镇解放街40号")
        #expect(AlarmGroupRules.neighbourhood(of: "城关镇兴华巷15号") == "城关镇兴华巷")
        #expect(AlarmGroupRules.neighbourhood(of: "城关镇兴华巷15-2号") == "城关镇兴华巷")
        #expect(AlarmGroupRules.neighbourhood(of: "村委会旁") == "村委会旁")
        #expect(AlarmGroupRules.neighbourhoods(of: "城关镇解放街40号2单元202") == ["城关镇解放街40号", "城关镇解放街"])
    }

    @Test func suggestionsAreAtMostNineNeighboursAndNeverOne() {
        // 20 households in one village group, 11 in one building, 1 alone in a lane.
        var households: [(id: Int64, address: String)] = (1...20).map { (Int64($0), "马小村5组\($0)号") }
        households += (1...11).map { (Int64(100 + $0), "解放街40号\($0 % 4 + 1)单元\($0)01") }
        households.append((200, "兴华巷3号"))
        let s = AlarmGroupRules.suggestions(households)
        #expect(s.map(\.neighbourhood) == ["马小村5组", "马小村5组", "马小村5组", "解放街40号", "解放街40号"])
        #expect(s.map(\.householdIDs.count) == [7, 7, 6, 6, 5], "as even as can be, none over nine")
        #expect(s[0].householdIDs == Array(1...7).map(Int64.init), "in the order of the house numbers")
        #expect(!s.contains { $0.householdIDs.contains(200) })
        // Households alone in their building are grouped by their street.
        let street = AlarmGroupRules.suggestions([(1, "人民路3号2单元202"), (2, "人民路21号4单元202"), (3, "人民路39号2单元202"), (4, "北关路102号3单元502")])
        #expect(street == [GroupSuggestion(neighbourhood: "人民路", householdIDs: [1, 2, 3])])
    }

    @Test func aGroupHasTwoToTwentyHouseholdsAndAName() {
        #expect(AlarmGroupRules.validate(AlarmGroupInput(gridID: 1, name: " ", householdIDs: [5, 5])).failureFields == ["name", "householdIDs"])
        #expect(AlarmGroupRules.validate(AlarmGroupInput(gridID: 1, name: "一组", householdIDs: Array(1...21))).failureFields == ["householdIDs"])
        #expect((try? AlarmGroupRules.validate(AlarmGroupInput(gridID: 1, name: " 马小村五组 ", householdIDs: [3, 4, 3])).get()) == ValidAlarmGroup(name: "马小村五组", householdIDs: [3, 4]))
    }
}
