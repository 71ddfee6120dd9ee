import Domain
import Vapor

/// Every web page's address, in one place: routes register from it and pages link with it.
enum Site {
    case home, login, logout, units
    case unit(Int64)
    case unitChildren(Int64)
    case unitOfficer(Int64)
    case unitPlaces(Int64)
    case household(Int64)
    case newHousehold(grid: Int64)
    case editHousehold(Int64)
    case resident(Int64)
    case newResident(household: Int64)
    case editResident(Int64)
    case revealResident(Int64)
    case newVisit(household: Int64)
    case visit(Int64)
    case tasks
    case taskAssignee(Int64)
    case coverage(String?)
    case unvisited(Int64, String?)
    case care
    case campaigns, newCampaign
    case campaign(Int64)
    case inbox, inboxRead
    case requests(String?)
    case newRequest
    case request(Int64)
    case requestStep(Int64, RequestAction)
    case requestPhoto(Int64)
    case signup
    case meetings, newMeeting, dashboard
    case meeting(Int64)
    case settings, settingsWork
    case settingsRule(String)
    case settingsCategories
    case settingsCategory(String)
    case search(String?)
    case users
    case userStatus(Int64)
    case audit(String?)
    case language(Language, back: String)

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .units: "/units"
        case .unit(let id): "/units/\(id)"
        case .unitChildren(let id): "/units/\(id)/children"
        case .unitOfficer(let id): "/units/\(id)/officer"
        case .unitPlaces(let id): "/units/\(id)/places"
        case .household(let id): "/households/\(id)"
        case .newHousehold(let grid): "/units/\(grid)/households/new"
        case .editHousehold(let id): "/households/\(id)/edit"
        case .resident(let id): "/residents/\(id)"
        case .newResident(let h): "/households/\(h)/residents/new"
        case .editResident(let id): "/residents/\(id)/edit"
        case .revealResident(let id): "/residents/\(id)/reveal"
        case .newVisit(let h): "/households/\(h)/visits/new"
        case .visit(let id): "/visits/\(id)"
        case .tasks: "/tasks"
        case .taskAssignee(let id): "/tasks/\(id)/assignee"
        case .coverage(let q): q.map { "/coverage?\($0)" } ?? "/coverage"
        case .unvisited(let id, let q): "/units/\(id)/unvisited" + (q.map { "?\($0)" } ?? "")
        case .care: "/care"
        case .campaigns: "/campaigns"
        case .newCampaign: "/campaigns/new"
        case .campaign(let id): "/campaigns/\(id)"
        case .inbox: "/inbox"
        case .requests(let q): q.map { "/requests?\($0)" } ?? "/requests"
        case .newRequest: "/requests/new"
        case .request(let id): "/requests/\(id)"
        case .requestStep(let id, let step): "/requests/\(id)/\(step.rawValue)"
        case .requestPhoto(let id): "/request-photos/\(id)"
        case .signup: "/signup"
        case .meetings: "/meetings"
        case .dashboard: "/dashboard"
        case .newMeeting: "/meetings/new"
        case .meeting(let id): "/meetings/\(id)"
        case .inboxRead: "/inbox/read"
        case .settings: "/settings"
        case .settingsWork: "/settings/work"
        case .settingsRule(let code): "/settings/rules/\(Self.encode(code))"
        case .settingsCategories: "/settings/categories"
        case .settingsCategory(let code): "/settings/categories/\(Self.encode(code))"
        case .search(let q): q.map { "/search?q=\(Self.encode($0))" } ?? "/search"
        case .users: "/users"
        case .userStatus(let id): "/users/\(id)/status"
        case .audit(let query): query.map { "/audit?\($0)" } ?? "/audit"
        case .language(let l, let back): "/language/\(l.rawValue)?back=\(Self.encode(back))"
        }
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

import Foundation

extension RequestAction {
    /// The path component a route registers (`/api/v1/requests/:id/return-visit`).
    var pathComponent: PathComponent { .constant(rawValue) }
}
