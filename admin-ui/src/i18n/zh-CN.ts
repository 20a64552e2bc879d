import type { TranslationMessages } from 'react-admin';

/** 简体中文: react-admin's own texts and the platform's. Terms follow docs/glossary.md. */
export const zhCN = {
  ra: {
    action: {
      add_filter: '添加筛选', add: '添加', back: '返回', bulk_actions: '已选 1 项 |||| 已选 %{smart_count} 项', cancel: '取消',
      clear_array_input: '清空列表', clear_input_value: '清空', clone: '复制', confirm: '确认', create: '新建', create_item: '新建 %{item}',
      delete: '删除', edit: '编辑', export: '导出', list: '列表', refresh: '刷新', remove_filter: '移除此筛选', remove_all_filters: '移除全部筛选',
      remove: '移除', reset: '重置', save: '保存', search: '搜索', search_columns: '搜索列', select_all: '全选', select_all_button: '全选',
      select_row: '选择此行', show: '查看', sort: '排序', undo: '撤销', unselect: '取消选择', expand: '展开', close: '关闭',
      open_menu: '打开菜单', close_menu: '关闭菜单', update: '更新', move_up: '上移', move_down: '下移', open: '打开',
      toggle_theme: '切换明暗主题', select_columns: '列', update_application: '重新加载应用',
    },
    boolean: { true: '是', false: '否', null: ' ' },
    page: {
      create: '新建%{name}', dashboard: '首页', edit: '%{name} %{recordRepresentation}', error: '出错了', list: '%{name}', loading: '加载中',
      not_found: '未找到', show: '%{name} %{recordRepresentation}', empty: '还没有%{name}。', invite: '要新建一个吗？',
      access_denied: '无权访问', authentication_error: '认证出错',
    },
    input: {
      file: { upload_several: '拖入文件上传，或点击选择。', upload_single: '拖入文件上传，或点击选择。' },
      image: { upload_several: '拖入图片上传，或点击选择。', upload_single: '拖入图片上传，或点击选择。' },
      references: { all_missing: '找不到关联数据。', many_missing: '部分关联数据已不存在。', single_missing: '关联数据已不存在。' },
      password: { toggle_visible: '隐藏密码', toggle_hidden: '显示密码' },
    },
    message: {
      about: '关于', access_denied: '您没有访问此页面的权限', are_you_sure: '确定吗？', authentication_error: '认证服务返回错误，无法核验您的身份。',
      auth_error: '核验登录令牌时出错。', bulk_delete_content: '确定删除此%{name}吗？ |||| 确定删除这 %{smart_count} 项吗？',
      bulk_delete_title: '删除%{name} |||| 删除 %{smart_count} 项%{name}', bulk_update_content: '确定更新%{name}吗？ |||| 确定更新这 %{smart_count} 项吗？',
      bulk_update_title: '更新%{name} |||| 更新 %{smart_count} 项%{name}', clear_array_input: '确定清空整个列表吗？',
      delete_content: '确定删除此%{name}吗？', delete_title: '删除%{name} %{recordRepresentation}', details: '详情',
      error: '发生客户端错误，请求未能完成。', invalid_form: '表单有误，请检查', loading: '请稍候', no: '否',
      not_found: '网址有误或链接已失效。', select_all_limit_reached: '条目过多，仅选择了前 %{max} 项。',
      unsaved_changes: '有修改尚未保存，确定离开吗？', yes: '是', placeholder_data_warning: '网络问题：数据刷新失败。',
    },
    navigation: {
      clear_filters: '清除筛选', no_filtered_results: '按当前条件没有找到%{name}。', no_results: '没有找到%{name}',
      no_more_results: '第 %{page} 页超出范围，请返回上一页。', page_out_of_boundaries: '第 %{page} 页超出范围',
      page_out_from_end: '已是最后一页', page_out_from_begin: '已是第一页', page_range_info: '%{offsetBegin}-%{offsetEnd}，共 %{total} 条',
      partial_page_range_info: '%{offsetBegin}-%{offsetEnd}，超过 %{offsetEnd} 条', current_page: '第 %{page} 页', page: '转到第 %{page} 页',
      first: '第一页', last: '最后一页', next: '下一页', previous: '上一页', page_rows_per_page: '每页行数：', skip_nav: '跳到内容',
    },
    sort: { sort_by: '按%{field_lower_first}%{order}排序', ASC: '升序', DESC: '降序' },
    auth: {
      auth_check_error: '请登录后继续', user_menu: '个人', username: '用户名', password: '密码', email: '邮箱', sign_in: '登录',
      sign_in_error: '认证失败，请重试', logout: '退出登录',
    },
    notification: {
      updated: '已更新 |||| 已更新 %{smart_count} 项', created: '已创建', deleted: '已删除 |||| 已删除 %{smart_count} 项',
      bad_item: '条目有误', item_doesnt_exist: '条目不存在', http_error: '与服务器通信出错', data_provider_error: '数据服务出错，详见控制台。',
      i18n_error: '无法加载所选语言', canceled: '已取消', logged_out: '会话已结束，请重新登录。', not_authorized: '您无权访问此资源。',
      application_update_available: '有新版本可用。', offline: '无网络连接，无法获取数据。',
    },
    validation: {
      required: '必填', minLength: '至少 %{min} 个字符', maxLength: '最多 %{max} 个字符', minValue: '不能小于 %{min}', maxValue: '不能大于 %{max}',
      number: '必须是数字', email: '必须是有效的邮箱', oneOf: '必须是以下之一：%{options}', regex: '格式不正确：%{pattern}', unique: '不能重复',
    },
  },
  dj: {
    app: { title: '党建云 · 管理控制台', tenant: '当前租户', language: '语言', login_hint: '使用统一身份认证登录', login: '登录' },
    tenant_types: { enterprise: '企业', university: '高校', county: '县（区）' },
    tenant_statuses: { active: '正常', suspended: '已暂停' },
    roles: { 'tenant-admin': '租户管理员', secretary: '书记', inspector: '纪检委员', member: '党员' },
    modules: {
      organisation: '组织管理', learning: '学习教育', disclosure: '党务公开', supervision: '监督',
      'feature:dues-by-salary': '按工资计党费', 'feature:student-pipeline': '学生党员发展', 'feature:graduation-transfers': '毕业生关系转接',
      'feature:appeals': '群众诉求', 'feature:micro-wishes': '微心愿', 'feature:grid-branches': '网格党支部',
    },
    actions: { suspend: '暂停', activate: '恢复', add_child: '添加下级' },
    organisation_kinds: { committee: '基层党委', general_branch: '党总支', branch: '党支部', group: '党小组' },
    grid_labels: { community: '社区网格', industry: '行业网格', building: '楼宇网格' },
    stages: { applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员' },
    member_statuses: { active: '正常', in_transfer: '转接中', suspended: '停止党籍', removed: '出党' },
    occupations: { salaried: '在职', retired: '离退休', annual_salary: '年薪制', self_employed: '个体经营', farmer: '农民', student: '学生', unemployed: '无业/低保' },
    members: { unmask: '查看完整信息', reason: '查看原因（将被记录）', history: '变更记录', phone_hint: '留空则不修改' },
    formation_warnings: {
      'fewer-than-3-full-members': '正式党员不足3人，宜建联合党支部',
      'committee-needed-at-7-full-members': '正式党员7人以上，应设支部委员会',
      'general-branch-suggested-at-50-members': '党员50人以上，可建党总支',
      'committee-suggested-at-100-members': '党员100人以上，可建基层党委',
    },
    organisation: { children: '%{smart_count} 个下级组织', members: '%{smart_count} 名党员', move_hint: '更换上级组织将连同全部下级一起调整' },
  },
  resources: {
    tenants: {
      name: '租户 |||| 租户',
      fields: { slug: '标识', name: '名称', type: '类型', status: '状态', modules: '启用模块', createdAt: '创建时间', 'branding.displayName': '显示名称', 'branding.logoUrl': '标志网址', 'branding.primaryColour': '主题色', q: '搜索' },
    },
    organisations: {
      name: '党组织 |||| 党组织',
      fields: { name: '名称', code: '组织编码', kind: '类型', parentId: '上级党组织', gridLabel: '网格', joint: '联合党支部', contact: '联系方式', foundedOn: '成立日期', q: '搜索' },
    },
    members: {
      name: '党员 |||| 党员',
      fields: {
        name: '姓名', organisationId: '所在党组织', developmentStage: '发展阶段', idCardNumberMasked: '身份证号', phoneMasked: '手机号', status: '党籍状态',
        gender: '性别', ethnicity: '民族', birthDate: '出生日期', education: '学历', occupation: '职业类别', joinedOn: '入党日期', confirmedOn: '转正日期',
        mobile: '流动党员', idCardNumber: '身份证号', phone: '手机号', workUnit: '工作单位', address: '住址', reason: '变更原因', q: '搜索',
      },
    },
    users: {
      name: '人员 |||| 人员',
      fields: { username: '用户名', displayName: '姓名', email: '邮箱', roles: '角色', password: '初始密码', createdAt: '加入时间', q: '搜索', role: '角色' },
    },
  },
} as unknown as TranslationMessages;
